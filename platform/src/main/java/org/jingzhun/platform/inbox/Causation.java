package org.jingzhun.platform.inbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Which inbox CloudEvent caused a command: its {@code ce_source} and {@code ce_id}, put on the command's
 * metadata, copied onto every event it causes (a correlation data provider) and from there onto the
 * event's Kafka record by the relay, under the same names.
 */
public final class Causation {

    /** Metadata key and Kafka header: the causing CloudEvent's {@code source}. */
    public static final String SOURCE = "jingzhun_causation_source";
    /** Metadata key and Kafka header: the causing CloudEvent's {@code id}. */
    public static final String ID = "jingzhun_causation_id";

    private static final ThreadLocal<Map<String, String>> CURRENT = new ThreadLocal<>();

    private Causation() {
    }

    /** Runs work whose commands are caused by the CloudEvent {@code source}/{@code id}. */
    static <T> T run(String source, String id, Supplier<T> work) {
        Map<String, String> previous = CURRENT.get();
        CURRENT.set(Map.of(SOURCE, source, ID, id));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Adds the current causation, if any, to every dispatched command. */
    public static final class DispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            Map<String, String> causation = CURRENT.get();
            if (causation == null) {
                return (index, command) -> command;
            }
            Map<String, Object> metaData = new HashMap<>(causation);
            return (index, command) -> command.andMetaData(metaData);
        }
    }
}
