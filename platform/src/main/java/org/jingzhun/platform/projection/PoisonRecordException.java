package org.jingzhun.platform.projection;

/** A record that can never be projected: bad JSON, unknown type, invalid against its schema. */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
