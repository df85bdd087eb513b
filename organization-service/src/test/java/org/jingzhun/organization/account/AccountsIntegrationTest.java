package org.jingzhun.organization.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class AccountsIntegrationTest {

    private static ServiceUnderTest service;
    private static String orgId;

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.get();
        orgId = "acc-" + UUID.randomUUID();
        assertThat(service.send("POST", "/api/organizations",
                "{\"id\":\"" + orgId + "\",\"name\":\"" + orgId + "\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\"}")
                .statusCode()).isEqualTo(201);
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> create(String username, String role, String org) {
        return service.send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"a-long-password\",\"role\":\"" + role + "\""
                + (org == null ? "" : ",\"orgId\":\"" + org + "\"") + "}");
    }

    @Test
    void createsListsAndDisablesAnAccountWithoutEverShowingItsPassword() {
        String username = unique();

        HttpResponse<String> created = create(username, "SECRETARY", orgId);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/accounts/" + username);
        JsonNode account = ServiceUnderTest.json(created);
        assertThat(account.get("role").asText()).isEqualTo("SECRETARY");
        assertThat(account.get("orgId").asText()).isEqualTo(orgId);
        assertThat(account.get("disabled").asBoolean()).isFalse();
        assertThat(account.get("createdBy").asText()).isEqualTo("admin");
        HttpResponse<String> list = service.send("GET", "/api/accounts", null);
        assertThat(list.body()).contains(username).doesNotContain("a-long-password").doesNotContain("bcrypt");

        HttpResponse<String> disabled = service.send("DELETE", "/api/accounts/" + username, null);

        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(ServiceUnderTest.json(disabled).get("disabled").asBoolean()).isTrue();
    }

    @Test
    void storesThePasswordAsABcryptHash() {
        String username = unique();
        create(username, "VIEWER", null);

        String hash = new JdbcTemplate(service.app().getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT password_hash FROM account WHERE username = ?", String.class, username);

        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("a-long-password");
    }

    @Test
    void aSecretaryNeedsAnOrganizationAndAViewerNamesNone() {
        HttpResponse<String> secretary = create(unique(), "SECRETARY", null);
        HttpResponse<String> viewer = create(unique(), "VIEWER", orgId);

        assertThat(secretary.statusCode()).isEqualTo(400);
        assertThat(secretary.body()).contains("\"field\":\"orgId\"");
        assertThat(viewer.statusCode()).isEqualTo(400);
        assertThat(viewer.body()).contains("\"field\":\"orgId\"");
        assertThat(create(unique(), "PUBLISHER", orgId).statusCode()).isEqualTo(201);
        assertThat(create(unique(), "PUBLISHER", null).statusCode()).isEqualTo(201);
    }

    @Test
    void refusesAnUnknownOrganizationATakenNameAndBadFields() {
        String username = unique();
        create(username, "AUDITOR", null);

        assertThat(create(unique(), "SECRETARY", "no-such-org").statusCode()).isEqualTo(422);
        assertThat(create(username, "AUDITOR", null).statusCode()).isEqualTo(409);
        assertThat(create("admin", "AUDITOR", null).statusCode()).isEqualTo(409);
        assertThat(create("bad name", "AUDITOR", null).body()).contains("\"field\":\"username\"");
        assertThat(create(unique(), "KING", null).statusCode()).isEqualTo(400);
        HttpResponse<String> shortPassword = service.send("POST", "/api/accounts",
                "{\"username\":\"" + unique() + "\",\"password\":\"short\",\"role\":\"VIEWER\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(shortPassword.body()).contains("\"field\":\"password\"");
        assertThat(service.send("DELETE", "/api/accounts/nobody-" + unique(), null).statusCode()).isEqualTo(404);
    }
}
