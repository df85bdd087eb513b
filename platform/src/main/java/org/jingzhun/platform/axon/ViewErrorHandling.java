package org.jingzhun.platform.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Event handlers that fail propagate, in every processing group, instead of Axon's default of logging the
 * exception and going on. The services write their views with subscribing processors, in the command's
 * unit of work: with the logging handler a view failing on an event left the view without it while the
 * command succeeded and the event was stored. Propagating, the exception reaches the command, whose
 * transaction rolls back: the command fails (5xx) and nothing of it is written, neither the event nor
 * the other views. (Tracking processors, the relay's, already propagate and retry.)
 */
@AutoConfiguration
public class ViewErrorHandling {

    @Bean
    ConfigurerModule propagatingEventHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
