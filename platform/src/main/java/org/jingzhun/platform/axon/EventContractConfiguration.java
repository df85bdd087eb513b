package org.jingzhun.platform.axon;

import org.axonframework.eventhandling.EventBus;
import org.jingzhun.platform.EventSchemas;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/** Checks every public event against its contract before it is stored (see {@link EventContractInterceptor}). */
@AutoConfiguration
@EnableConfigurationProperties(EventContractConfiguration.EventLimits.class)
public class EventContractConfiguration {

    /**
     * @param maxSize the largest event, as JSON: the relay sends each event as one Kafka record, and the
     *                producer refuses records above {@code max.request.size} (1 MiB) — forever, which would
     *                stop the relay. Three quarters of that leave room for key and headers.
     */
    @ConfigurationProperties("jingzhun.events")
    public record EventLimits(@DefaultValue("768KB") DataSize maxSize) {
    }

    @Bean
    EventContractInterceptor eventContractInterceptor(EventLimits limits) {
        return new EventContractInterceptor(EventSchemas.forCatalog(), limits.maxSize().toBytes());
    }

    /**
     * On the event bus itself, where aggregates publish: Axon's auto-configuration puts dispatch
     * interceptor beans on the event gateway only.
     */
    @Bean
    SmartInitializingSingleton eventContractRegistration(ObjectProvider<EventBus> eventBus,
                                                         EventContractInterceptor interceptor) {
        return () -> eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(interceptor));
    }
}
