package dev.concierge.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void namesFromOutsideLoseTheirPathsAndEveryCharacterThatCouldBreakOut() {
        assertThat(FileNames.safe("../../../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.safe("C:\\Users\\me\\receipt.PDF")).isEqualTo("receipt.pdf");
        assertThat(FileNames.safe("a\"b.txt")).isEqualTo("a_b.txt");
        assertThat(FileNames.safe("a\"\r\nX-Injected: 1.txt")).isEqualTo("a___X-Injected_ 1.txt");
        assertThat(FileNames.safe("<img src=x onerror=alert(1)>.html")).isEqualTo("img src_x onerror_alert_1__.html");
        assertThat(FileNames.safe(".bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.safe("发票 11月.pdf")).isEqualTo("发票 11月.pdf");
        assertThat(FileNames.safe("")).isEqualTo("file");
        assertThat(FileNames.safe(null)).isEqualTo("file");
        assertThat(FileNames.safe("...")).isEqualTo("file");
        assertThat(FileNames.safe("x".repeat(300) + ".jpg")).hasSize(100).endsWith(".jpg");
    }

    @Test
    void contentDispositionCarriesTheNameSafelyInBothForms() {
        assertThat(FileNames.contentDisposition("attachment", "发票.pdf"))
                .isEqualTo("attachment; filename=\"__.pdf\"; filename*=UTF-8''%E5%8F%91%E7%A5%A8.pdf");
        assertThat(FileNames.contentDisposition("inline", "a\"\r\nb.png")).doesNotContain("\r", "\n", "a\"");
    }
}
