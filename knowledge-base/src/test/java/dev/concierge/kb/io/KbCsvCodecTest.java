package dev.concierge.kb.io;

import dev.concierge.kb.TestEntries;
import dev.concierge.kb.entry.FaqEntry;
import dev.concierge.kb.entry.KbValidationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KbCsvCodecTest {
    private final KbCsvCodec codec = new KbCsvCodec();

    @Test
    void roundTripKeepsCommasQuotesLineBreaksAndParaphrases() {
        String csv = codec.write(TestEntries.all());
        assertThat(csv).startsWith(KbCsvCodec.HEADER + "\r\n");
        assertThat(csv).contains("How long does a refund take|When will I get my money back");
        List<FaqEntry> back = codec.read(csv, TestEntries.T0);
        assertThat(back).isEqualTo(TestEntries.all());
    }

    @Test
    void jsonAndCsvAgree() {
        KbJsonCodec json = new KbJsonCodec();
        List<FaqEntry> viaCsv = codec.read(codec.write(TestEntries.all()), TestEntries.T0);
        assertThat(json.write(viaCsv)).isEqualTo(json.write(TestEntries.all()));
    }

    @Test
    void rowsAreNamedInErrors() {
        String csv = KbCsvCodec.HEADER + "\n"
                + "ok_entry,c,PRE_SALE,,hi|hello,,hey,,,,\n"
                + ",c,PRE_SALE,,hi,,hey,,,,\n"
                + "bad_date,c,PRE_SALE,,hi,,hey,,,,yesterday\n"
                + "short,row\n";
        KbValidationException ex = catchThrowableOfType(KbValidationException.class, () -> codec.read(csv, TestEntries.T0));
        assertThat(ex.errors()).extracting(e -> e.entry() + "/" + e.field())
                .containsExactlyInAnyOrder("row 3/id", "bad_date/updatedAt", "row 5/(row)");
    }

    @Test
    void headerMustMatch() {
        assertThatThrownBy(() -> codec.read("id,question\nx,y\n", TestEntries.T0))
                .isInstanceOf(KbValidationException.class).hasMessageContaining("header");
    }

    @Test
    void parserHandlesQuotedFields() {
        assertThat(KbCsvCodec.parse("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n1,2,3,4"))
                .containsExactly(List.of("a", "b,c", "say \"hi\"", "x\ny"), List.of("1", "2", "3", "4"));
    }
}
