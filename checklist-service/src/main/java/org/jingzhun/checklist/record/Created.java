package org.jingzhun.checklist.record;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** The answer to a command that recorded a new fact: 201, the fact's id, and where the record shows it. */
final class Created {

    private Created() {
    }

    static ResponseEntity<Map<String, String>> fact(String id, String recordId, String organizationId,
                                                    String campaignId) {
        URI record = UriComponentsBuilder.fromPath("/api/organizations/{orgId}/record")
                .queryParam("campaignId", "{campaignId}")
                .encode().buildAndExpand(organizationId, campaignId).toUri();
        return ResponseEntity.created(record).body(Map.of("id", id, "recordId", recordId));
    }
}
