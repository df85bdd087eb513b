package org.jingzhun.platform.axon;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/** Adds the current actor to every dispatched command that does not name one already. */
public class ActorDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(Actor.META_DATA_KEY)
                ? command
                : command.andMetaData(java.util.Map.of(Actor.META_DATA_KEY, Actor.current()));
    }
}
