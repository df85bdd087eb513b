package org.jingzhun.platform.relay;

/** An event whose record can never be sent as it is: too large, or not serializable. */
class UnsendableEventException extends RuntimeException {

    private final Long sizeBytes;

    UnsendableEventException(String reason, Long sizeBytes, Throwable cause) {
        super(reason, cause);
        this.sizeBytes = sizeBytes;
    }

    /** The record's size, when it could be built. */
    Long sizeBytes() {
        return sizeBytes;
    }
}
