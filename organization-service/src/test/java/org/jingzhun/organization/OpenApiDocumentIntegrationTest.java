package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names the service (springdoc.open-api.info in organization-service.yml). */
class OpenApiDocumentIntegrationTest {

    @Test
    void namesTheServiceInItsOpenApiDocument() {
        HttpResponse<String> response = ServiceUnderTest.get().send("GET", "/v3/api-docs", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode info = ServiceUnderTest.json(response).path("info");
        assertThat(info.path("title").asText()).isEqualTo("Jingzhun organization service");
        assertThat(info.path("description").asText()).contains("guidance plan");
        assertThat(info.path("version").asText()).isEqualTo("v1");
    }
}
