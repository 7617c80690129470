package dev.concierge.kb.admin;

import dev.concierge.core.channel.Channel;
import dev.concierge.kb.FaqDecision;
import dev.concierge.kb.KnowledgeBase;
import dev.concierge.kb.TestEntries;
import dev.concierge.kb.entry.DuplicateEntryException;
import dev.concierge.kb.entry.EntryNotFoundException;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbValidationException;
import dev.concierge.kb.entry.Scenario;
import dev.concierge.kb.io.KbCsvCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KnowledgeBaseAdminTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final KnowledgeBase kb = KnowledgeBase.of(TestEntries.all());
    private final KnowledgeBaseAdmin admin = new KnowledgeBaseAdmin(kb, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        kb.close();
    }

    private static FaqEntry coupon() {
        return new FaqEntry("coupon_how_to_use", "promotions", Scenario.PRE_SALE,
                Map.of("en", List.of("How do I use a coupon")), Map.of("en", "At checkout."), null, null, TestEntries.T0);
    }

    @Test
    void crudStampsTimeAndIsSearchableAtOnce() {
        FaqEntry created = admin.create(coupon());
        assertThat(created.updatedAt()).isEqualTo(NOW);
        assertThat(admin.get("coupon_how_to_use")).isEqualTo(created);
        assertThat(kb.search("use coupon", "en", 1).top().orElseThrow().entryId()).isEqualTo("coupon_how_to_use");

        FaqEntry changed = new FaqEntry("coupon_how_to_use", "promotions", Scenario.PRE_SALE,
                Map.of("en", List.of("How do I redeem a voucher")), Map.of("en", "At checkout."), null, null, TestEntries.T0);
        admin.update("coupon_how_to_use", changed);
        assertThat(kb.search("redeem voucher", "en", 1).top().orElseThrow().entryId()).isEqualTo("coupon_how_to_use");

        admin.delete("coupon_how_to_use");
        assertThatThrownBy(() -> admin.get("coupon_how_to_use")).isInstanceOf(EntryNotFoundException.class);
        assertThat(admin.list()).hasSize(3);
    }

    @Test
    void typedErrors() {
        assertThatThrownBy(() -> admin.create(TestEntries.refund())).isInstanceOf(DuplicateEntryException.class);
        assertThatThrownBy(() -> admin.update("missing_entry", coupon())).isInstanceOf(KbValidationException.class);
        FaqEntry sameIdMissing = coupon();
        assertThatThrownBy(() -> admin.update("coupon_how_to_use", sameIdMissing)).isInstanceOf(EntryNotFoundException.class);
        assertThatThrownBy(() -> admin.delete("nope")).isInstanceOf(EntryNotFoundException.class);
        KbValidationException bad = catchThrowableOfType(KbValidationException.class,
                () -> admin.createFromJson("{\"id\":\"x_y\",\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":[]}}"));
        assertThat(bad.errors()).extracting(e -> e.entry() + " " + e.field()).contains("x_y questions.en");
    }

    @Test
    void invalidImportWritesNothing() {
        String before = admin.exportJson();
        String badJson = "{\"entries\":[{\"id\":\"new_entry\",\"category\":\"c\",\"scenario\":\"PRE_SALE\","
                + "\"questions\":{\"en\":[\"hello\"]},\"answers\":{\"en\":\"hi\"}},"
                + "{\"id\":\"Bad Id\",\"category\":\"c\",\"scenario\":\"PRE_SALE\",\"questions\":{\"en\":[\"x\"]},\"answers\":{\"en\":\"y\"}}]}";
        assertThatThrownBy(() -> admin.importJson(badJson, ImportMode.MERGE)).isInstanceOf(KbValidationException.class);
        String badCsv = KbCsvCodec.HEADER + "\nnew_entry,c,PRE_SALE,,hello,,hi,,,,\nanother,c,NOWHERE,,x,,y,,,,\n";
        assertThatThrownBy(() -> admin.importCsv(badCsv, ImportMode.REPLACE_ALL)).isInstanceOf(KbValidationException.class);
        assertThat(admin.exportJson()).isEqualTo(before);
        assertThat(kb.search("hello", "en", 3).hits()).extracting(h -> h.entryId()).doesNotContain("new_entry");
    }

    @Test
    void importModesAndExportRoundTrip() {
        String csv = admin.exportCsv();
        ImportReport merge = admin.importJson("{\"entries\":[" + new dev.concierge.kb.io.KbJsonCodec().writeEntry(coupon()) + "]}", ImportMode.MERGE);
        assertThat(merge).isEqualTo(new ImportReport(ImportMode.MERGE, 1, 0, 0, 4));
        ImportReport replace = admin.importCsv(csv, ImportMode.REPLACE_ALL);
        assertThat(replace).isEqualTo(new ImportReport(ImportMode.REPLACE_ALL, 0, 3, 1, 3));
        assertThat(admin.list()).containsExactlyElementsOf(kb.entries());
        assertThat(admin.exportCsv()).isEqualTo(csv);
    }

    @Test
    void previewShowsWhatTheBotWouldSay() {
        SearchPreview p = admin.preview("how long does a refund take", "en", Channel.SMS, 3);
        assertThat(p.decision()).isEqualTo(FaqDecision.ANSWER);
        assertThat(p.replyText()).isEqualTo("Refund: 1-3 working days.");
        assertThat(p.candidates().get(0).title()).isEqualTo("How long does a refund take");
        assertThat(p.candidates().get(0).confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void listFilters() {
        assertThat(admin.list("refunds", null, null)).extracting(FaqEntry::id).containsExactly("refund_arrival_time");
        assertThat(admin.list(null, Scenario.IN_SALE, "password")).extracting(FaqEntry::id).containsExactly("account_password_reset");
    }
}
