package org.jingzhun.platform.inbox;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A writing service's inbox: its Kafka topic and a route per accepted CloudEvent type. A service that
 * declares this bean gets {@code POST /api/inbox} and the Kafka inbox consumer.
 *
 * @param topic  the inbox topic, e.g. {@code jingzhun.checklist.inbox}
 * @param routes by {@code ce_type}, e.g. {@code jingzhun.checklist.HonorRoomVisited.v1}
 */
public record InboxRoutes(String topic, Map<String, InboxRoute> routes) {

    public InboxRoutes {
        Objects.requireNonNull(topic, "topic");
        routes = Map.copyOf(routes);
    }

    /** The route of a type, if the service accepts it. */
    public Optional<InboxRoute> route(String type) {
        return Optional.ofNullable(routes.get(type));
    }

    /** Every accepted type. */
    public Set<String> types() {
        return routes.keySet();
    }
}
