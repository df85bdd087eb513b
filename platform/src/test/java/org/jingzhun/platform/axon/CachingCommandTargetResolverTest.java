package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

class CachingCommandTargetResolverTest {

    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();
    private final CommandTargetResolver caching = new CachingCommandTargetResolver();

    record OnAComponent(@TargetAggregateIdentifier String recordId, String other) {
    }

    record Versioned(@TargetAggregateIdentifier String recordId, @TargetAggregateVersion String version) {
    }

    static final class OnAMethod {
        private final long id;

        OnAMethod(long id) {
            this.id = id;
        }

        @TargetAggregateIdentifier
        String target() {
            return "o-" + id;
        }
    }

    record WithoutTarget(String recordId) {
    }

    private void sameAnswer(Object command) {
        var message = GenericCommandMessage.asCommandMessage(command);
        assertThat(caching.resolveTarget(message)).isEqualTo(axon.resolveTarget(message));
    }

    @Test
    void answersAsAxonDoesForEachKindOfMemberAndEachCommandOfAClass() {
        sameAnswer(new OnAComponent("r-1", "x"));
        sameAnswer(new OnAComponent("r-2", "y"));
        sameAnswer(new Versioned("r-3", "7"));
        sameAnswer(new Versioned("r-4", null));
        sameAnswer(new OnAMethod(1));
        sameAnswer(new OnAMethod(2));
        assertThat(caching.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("r-5", "8"))).getVersion())
                .isEqualTo(8L);
    }

    @Test
    void refusesAsAxonDoesACommandThatNamesNoAggregateOrABadVersion() {
        for (Object command : new Object[] {new WithoutTarget("r-1"), new OnAComponent(null, "x"),
                new Versioned("r-1", "seven")}) {
            var message = GenericCommandMessage.asCommandMessage(command);
            Throwable expected = org.assertj.core.api.Assertions.catchThrowable(() -> axon.resolveTarget(message));
            assertThatThrownBy(() -> caching.resolveTarget(message))
                    .isExactlyInstanceOf(expected.getClass())
                    .hasMessage(expected.getMessage());
        }
    }
}
