package dev.concierge.channel.sms;

/** How an SMS body is encoded on the air, which decides how many characters fit in a segment. */
public enum SmsEncoding {
    /** GSM 03.38 7-bit default alphabet (plus the extension table, 2 septets each). */
    GSM_7(160, 153),
    /** UTF-16 code units, for anything outside GSM-7 (Chinese, emoji). */
    UCS_2(70, 67);

    private final int single;
    private final int multipart;

    SmsEncoding(int single, int multipart) {
        this.single = single;
        this.multipart = multipart;
    }

    /** Units (septets or UTF-16 code units) in a message that is one segment. */
    public int singleSegmentUnits() {
        return single;
    }

    /** Units per segment once a message is split (the rest is the concatenation header). */
    public int multipartSegmentUnits() {
        return multipart;
    }
}
