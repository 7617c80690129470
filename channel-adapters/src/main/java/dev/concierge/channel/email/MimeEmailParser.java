package dev.concierge.channel.email;

import dev.concierge.channel.InboundAttachment;
import dev.concierge.channel.MalformedInputException;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Parses raw RFC 5322 / MIME mail with Jakarta Mail, strictly: a broken multipart structure, an unknown charset
 * or text that is not valid in its declared charset is refused ({@link MalformedInputException}), never guessed.
 */
public final class MimeEmailParser {
    private static final int MAX_DEPTH = 10;
    private static final int MAX_PARTS = 100;
    private final int maxAttachmentBytes;
    private final Session session;

    public MimeEmailParser(int maxAttachmentBytes) {
        this.maxAttachmentBytes = maxAttachmentBytes;
        Properties p = new Properties();
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "false");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "false");
        p.setProperty("mail.mime.multipart.allowempty", "false");
        p.setProperty("mail.mime.address.strict", "false");
        // headers in raw UTF-8 (RFC 6532: "李雷 <li.lei@…>" unencoded) read as UTF-8, not as Latin-1 mojibake
        p.setProperty("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(p);
    }

    /**
     * @param envelopeRecipients SMTP RCPT TO addresses (empty for the webhook)
     */
    public ParsedEmail parse(byte[] raw, List<String> envelopeRecipients) throws MalformedInputException {
        try {
            MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw));
            InternetAddress sender = sender(m);
            String from = sender.getAddress();
            List<String> recipients = new ArrayList<>(envelopeRecipients);
            addAll(recipients, safeRecipients(m, Message.RecipientType.TO));
            addAll(recipients, safeRecipients(m, Message.RecipientType.CC));
            Bodies bodies = new Bodies();
            walk(m, bodies, 0);
            String subject = m.getSubject();
            String messageId = MessageIds.parseList(m.getMessageID()).stream().findFirst().orElse("");
            List<String> inReplyTo = MessageIds.parseList(m.getHeader("In-Reply-To", " "));
            List<String> references = MessageIds.parseList(m.getHeader("References", " "));
            String auto = m.getHeader("Auto-Submitted", null);
            boolean autoSubmitted = auto != null && !auto.strip().equalsIgnoreCase("no")
                    || m.getHeader("X-Autoreply", null) != null;
            return new ParsedEmail(from, sender.getPersonal(), recipients, subject, messageId,
                    inReplyTo.isEmpty() ? "" : inReplyTo.get(0), references, bodies.text, bodies.html,
                    bodies.attachments, autoSubmitted, fingerprint(raw));
        } catch (MessagingException e) {
            throw new MalformedInputException(400, "malformed MIME: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedInputException(400, "malformed MIME: " + e.getMessage(), e);
        }
    }

    private static void addAll(List<String> out, Address[] addresses) {
        if (addresses != null) {
            for (Address a : addresses) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    out.add(ia.getAddress());
                }
            }
        }
    }

    private static Address[] safeRecipients(MimeMessage m, Message.RecipientType type) {
        try {
            return m.getRecipients(type);
        } catch (MessagingException e) {
            return null; // an unparseable To/Cc only costs us the reply-token fallback
        }
    }

    private static InternetAddress sender(MimeMessage m) throws MalformedInputException {
        String header;
        try {
            header = m.getHeader("From", ",");
        } catch (MessagingException e) {
            header = null;
        }
        if (header == null || header.isBlank()) {
            throw new MalformedInputException("From header missing");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
            if (parsed.length == 0 || parsed[0].getAddress() == null || !parsed[0].getAddress().contains("@")) {
                throw new MalformedInputException("From header has no address");
            }
            return parsed[0];
        } catch (AddressException e) {
            throw new MalformedInputException("From header malformed");
        }
    }

    private final class Bodies {
        String text = "";
        String html = "";
        final List<InboundAttachment> attachments = new ArrayList<>();
        int parts;
    }

    private void walk(Part part, Bodies bodies, int depth) throws MessagingException, IOException,
            MalformedInputException {
        if (depth > MAX_DEPTH || ++bodies.parts > MAX_PARTS) {
            throw new MalformedInputException("MIME structure too deep or too many parts");
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart mp)) {
                throw new MalformedInputException("multipart without parts");
            }
            int count = mp.getCount(); // parses the whole multipart: missing boundaries fail here
            for (int i = 0; i < count; i++) {
                BodyPart child = mp.getBodyPart(i);
                walk(child, bodies, depth + 1);
            }
            return;
        }
        String disposition = part.getDisposition();
        String fileName = decodedFileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && part.isMimeType("text/plain") && bodies.text.isEmpty()) {
            bodies.text = decodeText(part);
        } else if (!attachment && part.isMimeType("text/html") && bodies.html.isEmpty()) {
            bodies.html = decodeText(part);
        } else if (attachment || !part.isMimeType("text/*")) {
            if (part.isMimeType("message/rfc822") && fileName == null) {
                fileName = "forwarded.eml";
            }
            byte[] bytes = readBounded(part.getInputStream(), maxAttachmentBytes,
                    "attachment larger than " + maxAttachmentBytes + " bytes");
            if (bytes.length > 0) {
                bodies.attachments.add(InboundAttachment.bytes(fileName, baseType(part), bytes));
            }
        }
    }

    private static String decodedFileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException e) {
            return "attachment";
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private String decodeText(Part part) throws MessagingException, IOException, MalformedInputException {
        String charsetName;
        try {
            charsetName = new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException e) {
            throw new MalformedInputException("malformed Content-Type: " + part.getContentType());
        }
        byte[] bytes = readBounded(part.getInputStream(), maxAttachmentBytes, "text part too large");
        return decodeStrict(bytes, charsetName);
    }

    /** Decodes text in its declared charset (UTF-8 when none), refusing unknown charsets and invalid bytes. */
    public static String decodeStrict(byte[] bytes, String charsetName) throws MalformedInputException {
        Charset charset;
        if (charsetName == null || charsetName.isBlank()) {
            charset = StandardCharsets.UTF_8;
        } else {
            try {
                charset = Charset.forName(MimeUtility.javaCharset(charsetName.strip()));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new MalformedInputException(415, "unsupported charset: " + printable(charsetName), e);
            }
        }
        if (charset.equals(StandardCharsets.US_ASCII)) {
            charset = StandardCharsets.UTF_8; // a superset; mislabelled 8-bit UTF-8 mail is common
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedInputException(400, "text is not valid " + charset.name(), e);
        }
    }

    private static String printable(String s) {
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 40 ? t.substring(0, 40) : t;
    }

    static byte[] readBounded(InputStream in, int max, String tooLarge) throws IOException, MalformedInputException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > max) {
                    throw new MalformedInputException(413, tooLarge, null);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    static String fingerprint(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }
}
