package org.jingzhun.platform.registry;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jingzhun.platform.axon.TransactionScoped;

/**
 * The registry's answers kept for one transaction that asks for it: the Kafka inbox records a whole poll
 * (up to {@code max.poll.records} CloudEvents, most of them naming a few organizations and one campaign) in
 * one transaction, the HTTP inbox a whole batch, and looked the same organization and plan up for each
 * CloudEvent. (A poll below stands for either.)
 *
 * <p>What is kept: an organization ({@link OrganizationRegistry#find}) and a campaign's plan in force
 * ({@link OrganizationRegistry#plan(String)}), each once found; an unknown one is looked up (and awaited) again
 * every time, so one registered during the poll is found as soon as it arrives. (A campaign, written once, is
 * kept by the registry itself for good once found.) Semantics: the first CloudEvent of a poll that names an
 * organization or a plan reads the replica; the later ones of the same poll get that answer. A change the replica receives
 * while the poll is being recorded (a plan issued or revised, an organization renamed, reclassified or
 * dissolved) applies from the next poll — at most one poll later than it would without this; across
 * services nothing orders a registry change and an inbox CloudEvent more closely anyway. Nothing is kept
 * beyond the transaction (committed or rolled back), and a transaction that did not ask keeps nothing.
 */
public final class RegistryAnswers {

    private static final Object KEPT = RegistryAnswers.class.getName() + ".kept";

    private RegistryAnswers() {
    }

    /** Keeps the registry's answers for the rest of the current transaction (nothing outside one). */
    public static void keepForTransaction() {
        TransactionScoped.entries(KEPT);
    }

    /** {@code lookup}'s answer, kept under {@code key} for the transaction if it asked for it and it was found. */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> kept(String key, Supplier<Optional<T>> lookup) {
        Map<String, Object> kept = TransactionScoped.existing(KEPT);
        if (kept == null) {
            return lookup.get();
        }
        Object known = kept.get(key);
        if (known != null) {
            return Optional.of((T) known);
        }
        Optional<T> found = lookup.get();
        found.ifPresent(answer -> kept.put(key, answer));
        return found;
    }
}
