package org.jingzhun.platform.inbox;

/**
 * The inbox's answer to one accepted CloudEvent.
 *
 * @param id         the CloudEvent's {@code id}
 * @param status     {@link InboxStatus#RECORDED} or {@link InboxStatus#DUPLICATE}
 * @param recordedId the id the command answered with (of the first delivery, for a duplicate)
 */
public record InboxReceipt(String id, InboxStatus status, String recordedId) {
}
