package org.jingzhun.contracts.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hash that chains every public event (specified in {@code contracts/AUDIT-CHAIN.md}; this class is
 * its one implementation, used by the writing services, the reporting service and the standalone
 * verifier).
 *
 * <p>{@code hash = lowercase hex of SHA-256(field(DOMAIN) ‖ field(prevHash) ‖ field(eventId) ‖ field(type)
 * ‖ field(aggregateId) ‖ field(sequence) ‖ field(time) ‖ field(JCS(payload)))}, where {@code field(s)} is
 * the length of the UTF-8 bytes of {@code s} as a 4-byte big-endian unsigned integer followed by those
 * bytes; {@code sequence} is the decimal text of the aggregate's sequence number; {@code time} is the
 * event's instant truncated to milliseconds in UTC as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}; {@code JCS} is
 * RFC 8785 canonical JSON. {@code prevHash} is the hash of the previous public event of the same chain —
 * one chain per (service, aggregate id) — or {@link #GENESIS} for its first hashed event.
 */
public final class EventHash {

    /** The previous hash of a chain's first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    /** Metadata key and Kafka header of an event's hash. */
    public static final String HASH = "jingzhun_hash";
    /** Metadata key and Kafka header of the hash of the previous event of its chain. */
    public static final String PREV_HASH = "jingzhun_prev_hash";
    /** The first field of every hashed byte string: a version, so the scheme can change visibly. */
    public static final String DOMAIN = "jingzhun.event-hash.v1";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EventHash() {
    }

    /**
     * The hash of one event.
     *
     * @param prevHash    hex hash of the previous event of the chain, {@link #GENESIS} for the first
     * @param eventId     the CloudEvents id
     * @param type        the CloudEvents type, e.g. {@code jingzhun.rectification.ProblemLogged.v1}
     * @param aggregateId the aggregate id (the record key, {@code ce_subject})
     * @param sequence    the aggregate's sequence number
     * @param time        when the event was recorded
     * @param payloadJson the payload as JSON text, in any formatting and key order
     * @throws IllegalArgumentException when {@code payloadJson} is not JSON
     */
    public static String of(String prevHash, String eventId, String type, String aggregateId, long sequence,
                            Instant time, String payloadJson) {
        return HexFormat.of().formatHex(digest(bytesToHash(prevHash, eventId, type, aggregateId, sequence, time,
                payloadJson)));
    }

    /** The byte string that is hashed: see the class comment. Public for tests and other implementations. */
    public static byte[] bytesToHash(String prevHash, String eventId, String type, String aggregateId,
                                     long sequence, Instant time, String payloadJson) {
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(time, "time");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + payloadJson.length());
        field(out, DOMAIN);
        field(out, prevHash);
        field(out, Objects.requireNonNull(eventId, "eventId"));
        field(out, Objects.requireNonNull(type, "type"));
        field(out, Objects.requireNonNull(aggregateId, "aggregateId"));
        field(out, Long.toString(sequence));
        field(out, time(time));
        field(out, canonicalJson(payloadJson));
        return out.toByteArray();
    }

    /** The time as hashed: milliseconds, UTC, always three fraction digits. */
    public static String time(Instant time) {
        return TIME.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    /** RFC 8785 (JCS) canonical form of a JSON text. */
    public static String canonicalJson(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The chain an event belongs to: its service (the second part of its CloudEvents type,
     * {@code jingzhun.<service>.<Name>.v<n>}) and aggregate id. Aggregate ids are unique within one
     * service's event store, not across services.
     */
    public static String chainOf(String type, String aggregateId) {
        String[] parts = type.split("\\.");
        String service = parts.length > 1 ? parts[1] : type;
        return service + "/" + aggregateId;
    }

    /** Whether the text is a lowercase hex SHA-256. */
    public static boolean isHash(String text) {
        return text != null && text.length() == 64 && text.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void field(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
