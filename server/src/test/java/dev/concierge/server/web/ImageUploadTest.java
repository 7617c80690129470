package dev.concierge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageUploadTest {
    @Test
    void typeComesFromMagicBytes() {
        assertThat(ImageUpload.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00})).contains("image/jpeg");
        assertThat(ImageUpload.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0})).contains("image/png");
        assertThat(ImageUpload.sniff("GIF89a...".getBytes(StandardCharsets.US_ASCII))).contains("image/gif");
        assertThat(ImageUpload.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).contains("image/webp");
        assertThat(ImageUpload.sniff("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageUpload.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageUpload.sniff(new byte[0])).isEmpty();
    }

    @Test
    void namesCannotTraverseHideOrMislead() {
        assertThat(ImageUpload.safeName("../../etc/passwd", "image/png")).isEqualTo("passwd.png");
        assertThat(ImageUpload.safeName("..\\..\\windows\\evil.exe", "image/jpeg")).isEqualTo("evil.jpg");
        assertThat(ImageUpload.safeName(".htaccess", "image/gif")).isEqualTo("htaccess.gif");
        assertThat(ImageUpload.safeName("破损 照片.jpeg", "image/jpeg")).isEqualTo("photo.jpg");
        assertThat(ImageUpload.safeName("defect photo.svg", "image/png")).isEqualTo("defect_photo.png");
        assertThat(ImageUpload.safeName(null, "image/webp")).isEqualTo("photo.webp");
        assertThat(ImageUpload.safeName("a".repeat(300) + ".png", "image/png")).hasSize(94);
    }
}
