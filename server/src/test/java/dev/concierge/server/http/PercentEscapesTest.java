package dev.concierge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentEscapesTest {

    @Test
    void utf8EscapesPass() {
        assertThat(PercentEscapes.areUtf8(null)).isTrue();
        assertThat(PercentEscapes.areUtf8("q=refund&lang=en")).isTrue();
        assertThat(PercentEscapes.areUtf8("q=" + URLEncoder.encode("退款多久到账？ 🙂", StandardCharsets.UTF_8))).isTrue();
        assertThat(PercentEscapes.areUtf8("/api/v1/conversations/%E4%BD%A0%20x")).isTrue();
        assertThat(PercentEscapes.areUtf8("q=100%")).isTrue(); // not an escape: left to the router
        assertThat(PercentEscapes.areUtf8("q=%ZZ%4")).isTrue();
        assertThat(PercentEscapes.areUtf8("q=退款")).isTrue(); // raw, unescaped
    }

    @Test
    void otherBytesAreRefused() {
        assertThat(PercentEscapes.areUtf8("q=%FF")).isFalse();
        assertThat(PercentEscapes.areUtf8("q=%C3%28")).isFalse();
        assertThat(PercentEscapes.areUtf8("q=%E4%BD")).isFalse(); // cut short
        assertThat(PercentEscapes.areUtf8("q=%E4%BDx%A0")).isFalse(); // split by a plain character
        assertThat(PercentEscapes.areUtf8("q=%ED%A0%80")).isFalse(); // a surrogate
        assertThat(PercentEscapes.areUtf8("q=%C0%AF")).isFalse(); // overlong '/'
        assertThat(PercentEscapes.areUtf8("/a/%E4%BD%A0/b%80")).isFalse();
    }
}
