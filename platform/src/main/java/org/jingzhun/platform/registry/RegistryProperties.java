package org.jingzhun.platform.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organization registry replica of a service ({@code JINGZHUN_REGISTRY_ENABLED} and friends).
 *
 * @param enabled      whether this service keeps the replica; off unless it needs to know organizations
 * @param awaitTimeout how long {@code awaitKnown} and friends wait by default for something the
 *                     replica does not know yet: long enough to cover the relay and projector lag
 *                     after a script registered it, short enough for a caller to get its 422 promptly
 */
@ConfigurationProperties("jingzhun.registry")
public record RegistryProperties(@DefaultValue("false") boolean enabled,
                                 @DefaultValue("5s") Duration awaitTimeout) {
}
