package org.jingzhun.platform.projection;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.lang.Nullable;

/**
 * A record, or part of one, that a projector could not apply.
 *
 * @param record     the record as read
 * @param eventId    its {@code ce_id}, when it has one
 * @param reason     why
 * @param readModels the read models that failed while the others kept the event; empty when none of the
 *                   record was applied (a poison record, or every read model failed)
 */
public record DeadLetter(ConsumerRecord<String, byte[]> record, @Nullable String eventId, String reason,
                         List<String> readModels) {

    public DeadLetter {
        readModels = List.copyOf(readModels);
    }

    /** Whether the other read models applied the event. */
    public boolean partial() {
        return !readModels.isEmpty();
    }
}
