package org.jingzhun.checklist.record;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The id of an organization's record in a campaign: derived, so any instance finds the same one. */
final class RecordId {

    private RecordId() {
    }

    static String of(String organizationId, String campaignId) {
        return UUID.nameUUIDFromBytes(("campaign-record:" + campaignId + "/" + organizationId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
