package org.jingzhun.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.EventJson;

/**
 * A guidance plan as stored in {@code registry_plan.plan}: the platform's event JSON, so the stored
 * form is the form the plan travelled in and no web-layer Jackson setting can change it.
 */
final class PlanJson {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private PlanJson() {
    }

    static String write(GuidancePlan plan) {
        try {
            return JSON.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write a guidance plan as JSON", e);
        }
    }

    static GuidancePlan read(String json) {
        try {
            return JSON.readValue(json, GuidancePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry_plan holds a plan that is not a GuidancePlan", e);
        }
    }
}
