package org.jingzhun.platform.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.security.config.BeanIds;

/**
 * The access rules match request paths with Spring Security's own {@code PathPatternRequestMatcher}
 * (the MVC's pattern parser, Spring Security 7's default) instead of asking Spring MVC which handler
 * would serve each request ({@code MvcRequestMatcher}). That asking needs Spring MVC's handler lookup
 * cached per request, so Spring Security 6 wraps its filter chain in a second chain whose first filter
 * looks the request's handler up before any rule is checked — a lookup the dispatcher then does again,
 * 5–6 % of a command's CPU (docs/benchmarks.md). With no rule asking, this post-processor puts the
 * security filter chain back unwrapped; if Spring Security's definitions ever take another shape, it
 * leaves them as they are.
 */
final class PathMatching implements BeanFactoryPostProcessor {

    /** The wrapper {@code WebMvcSecurityConfiguration} puts around the security filter chain. */
    static final String WRAPPER = "org.springframework.security.config.annotation.web.configuration."
            + "WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    /** The wrapper's first filter: the handler lookup cache. */
    static final String LOOKUP_CACHE = "org.springframework.security.config.annotation.web.configuration."
            + "WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry)
                || !registry.containsBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN)) {
            return;
        }
        BeanDefinition wrapper = registry.getBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
        BeanDefinition chain = wrapped(wrapper);
        if (chain != null) {
            registry.removeBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN);
            registry.registerBeanDefinition(BeanIds.SPRING_SECURITY_FILTER_CHAIN, chain);
        }
    }

    /** The security filter chain's own definition inside the wrapper's, or null when it is not that wrapper. */
    static BeanDefinition wrapped(BeanDefinition wrapper) {
        if (!WRAPPER.equals(wrapper.getBeanClassName())
                || wrapper.getConstructorArgumentValues().getArgumentCount() != 1) {
            return null;
        }
        ValueHolder filters = wrapper.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (filters == null || !(filters.getValue() instanceof List<?> list) || list.size() != 2
                || !(list.get(0) instanceof BeanDefinition cache) || !LOOKUP_CACHE.equals(cache.getBeanClassName())
                || !(list.get(1) instanceof BeanDefinition chain)) {
            return null;
        }
        return chain;
    }
}
