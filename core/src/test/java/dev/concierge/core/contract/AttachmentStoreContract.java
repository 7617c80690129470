package dev.concierge.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.core.attachment.AttachmentStore;
import dev.concierge.core.attachment.StoredFile;
import dev.concierge.core.customer.CustomerId;
import org.junit.jupiter.api.Test;

public interface AttachmentStoreContract {

    AttachmentStore attachments();

    @Test
    default void storesAndReturnsBytesUnderAnUnguessableReference() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, 3, (byte) 0xD9};
        String a = attachments().put(new StoredFile("defect.jpg", "image/jpeg", jpeg));
        String b = attachments().put(new StoredFile("defect.jpg", "image/jpeg", jpeg));
        assertThat(a).startsWith("att-").isNotEqualTo(b);
        StoredFile back = attachments().get(a).orElseThrow();
        assertThat(back.content()).isEqualTo(jpeg);
        assertThat(back.contentType()).isEqualTo("image/jpeg");
        assertThat(back.name()).isEqualTo("defect.jpg");
        attachments().delete(a);
        assertThat(attachments().get(a)).isEmpty();
        assertThat(attachments().get("att-unknown")).isEmpty();
    }

    @Test
    default void remembersWhoUploadedAFile() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        String uploaded = attachments().put(new StoredFile("a.png", "image/png", png, new CustomerId("u-1")));
        StoredFile back = attachments().get(uploaded).orElseThrow();
        assertThat(back.uploader()).isEqualTo(new CustomerId("u-1"));
        assertThat(back.uploadedBy(new CustomerId("u-1"))).isTrue();
        assertThat(back.uploadedBy(new CustomerId("u-2"))).isFalse();
        // stored by the server with an e-mail: nobody's upload
        StoredFile mailed = attachments().get(attachments().put(new StoredFile("b.png", "image/png", png)))
                .orElseThrow();
        assertThat(mailed.uploader()).isNull();
        assertThat(mailed.uploadedBy(new CustomerId("u-1"))).isFalse();
    }

    @Test
    default void deletesEveryUploadOfOneCustomerAndNothingElse() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        CustomerId erased = new CustomerId("u-erased");
        String sent = attachments().put(new StoredFile("sent.png", "image/png", png, erased));
        String unsent = attachments().put(new StoredFile("unsent.png", "image/png", png, erased));
        String deletedBefore = attachments().put(new StoredFile("gone.png", "image/png", png, erased));
        attachments().delete(deletedBefore);
        String someoneElses = attachments().put(new StoredFile("c.png", "image/png", png, new CustomerId("u-3")));
        String mailed = attachments().put(new StoredFile("m.png", "image/png", png));

        assertThat(attachments().deleteUploadsOf(erased)).isEqualTo(2);

        assertThat(attachments().get(sent)).isEmpty();
        assertThat(attachments().get(unsent)).isEmpty();
        assertThat(attachments().get(someoneElses)).isPresent();
        assertThat(attachments().get(mailed)).isPresent();
        assertThat(attachments().deleteUploadsOf(erased)).isZero();
        assertThat(attachments().deleteUploadsOf(new CustomerId("u-never"))).isZero();
    }
}
