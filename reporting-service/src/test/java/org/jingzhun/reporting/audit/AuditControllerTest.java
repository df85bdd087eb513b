package org.jingzhun.reporting.audit;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = AuditController.class, properties = "jingzhun.admin.password=" + AuditControllerTest.PASSWORD)
@Import({SecurityConfiguration.class, ProblemDetailsAdvice.class})
class AuditControllerTest {

    static final String PASSWORD = "controller-test";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AuditExport export;

    @Test
    void streamsTheSelectedEventsAsNdjson() throws Exception {
        AuditQuery expected = new AuditQuery("org-a", List.of("jingzhun.rectification.ProblemLogged.v1"),
                OffsetDateTime.parse("2019-09-27T00:00:00+08:00"), null);
        AuditExport.Snapshot snapshot = new AuditExport.Snapshot(7, null);
        given(export.snapshot(7L)).willReturn(snapshot);
        given(export.write(eq(expected), eq(snapshot), any())).willAnswer(call -> {
            OutputStream out = call.getArgument(2);
            out.write("{\"id\":\"e-1\"}\n{\"id\":\"e-2\"}\n".getBytes(StandardCharsets.UTF_8));
            return 2L;
        });

        mvc.perform(get("/api/audit/events").param("organizationId", "org-a")
                        .param("type", "ProblemLogged").param("from", "2019-09-27T00:00:00+08:00")
                        .param("position", "7").accept("application/x-ndjson").with(httpBasic("admin", PASSWORD)))
                // Written on the request thread (see AuditController#events), so no asynchronous dispatch.
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(content().contentType("application/x-ndjson"))
                .andExpect(header().string("Jingzhun-Position", "7"))
                .andExpect(header().doesNotExist("Jingzhun-Checkpoint"))
                .andExpect(content().string("{\"id\":\"e-1\"}\n{\"id\":\"e-2\"}\n"));
    }

    @Test
    void rejectsAFromThatIsNoInstantNamingTheField() throws Exception {
        mvc.perform(get("/api/audit/events").param("from", "last week").accept("application/x-ndjson")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        verifyNoInteractions(export);
    }

    @Test
    void rejectsAPositionThatIsNoNumberNamingTheField() throws Exception {
        mvc.perform(get("/api/audit/events").param("position", "latest").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("position"));
        verifyNoInteractions(export);
    }

    @Test
    void rejectsAnUnknownTypeNamingTheField() throws Exception {
        mvc.perform(get("/api/audit/events").param("type", "ProblemSolved").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        verifyNoInteractions(export);
    }

    @Test
    void refusesAnonymousCallers() throws Exception {
        mvc.perform(get("/api/audit/events"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(export);
    }

    @Test
    void choosesTheWorkbookOnlyWhenTheClientPrefersItOrAsksByFormat() throws Exception {
        String xlsx = AuditController.XLSX.toString();
        given(export.snapshot(any())).willReturn(new AuditExport.Snapshot(0, null));
        given(export.writeWorkbook(any(), any(), any(), any())).willReturn(0L);
        given(export.write(any(), any(), any())).willReturn(0L);
        for (var choice : List.of(
                List.of("accept", "application/x-ndjson, " + xlsx + ";q=0.5", "application/x-ndjson"),
                List.of("accept", "text/csv, " + xlsx + ";q=0.9, */*;q=0.1", xlsx),
                List.of("accept", "*/*", "application/x-ndjson"),
                List.of("format", "xlsx", xlsx),
                List.of("format", "ndjson", "application/x-ndjson"))) {
            var request = get("/api/audit/events").with(httpBasic("admin", PASSWORD));
            request = choice.get(0).equals("accept") ? request.accept(choice.get(1))
                    : request.param("format", choice.get(1)).accept(xlsx);
            mvc.perform(request).andExpect(status().isOk())
                    .andExpect(content().contentType(choice.get(2)));
        }
        mvc.perform(get("/api/audit/events").param("format", "xlsx").param("lang", "en").accept("*/*")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk());
        org.mockito.Mockito.verify(export).writeWorkbook(any(), any(), eq(ExportLanguage.EN), any());
    }

    @Test
    void rejectsAnUnknownFormatOrLanguageNamingTheField() throws Exception {
        mvc.perform(get("/api/audit/events").param("format", "pdf").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(get("/api/audit/events").param("lang", "fr").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lang"));
        verifyNoInteractions(export);
    }
}
