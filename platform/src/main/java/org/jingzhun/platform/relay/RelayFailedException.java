package org.jingzhun.platform.relay;

/** Kafka did not acknowledge a batch; the tracking processor rolls back and sends it again. */
public class RelayFailedException extends RuntimeException {
    public RelayFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
