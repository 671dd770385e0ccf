package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code GET /api/admin/backup}: the store's snapshot, streamed to operators only; 404 where there is none. */
class BackupRouteTest {

    @Test
    void anOperator_getsTheSnapshotTheHookWrites_aMemberGets403() {
        HttpHooks hooks = HttpHooks.none().withBackup(out -> out.write("snapshot-bytes".getBytes(StandardCharsets.UTF_8)));
        try (TestApp app = TestApp.builder().hooks(hooks).start()) {
            TestApp.Res backup = app.get("/api/admin/backup");
            assertThat(backup.status()).isEqualTo(200);
            assertThat(backup.contentType()).startsWith("application/octet-stream");
            assertThat(backup.body()).isEqualTo("snapshot-bytes");

            String member = app.anonymous("POST", "/api/auth/google")
                    .json("{\"idToken\": \"" + app.google.idToken(AuthenticationTest.ada()) + "\"}").send().json().get("token").asText();
            assertThat(app.call("GET", "/api/admin/backup").bearer(member).send().status()).isEqualTo(403);
            assertThat(app.anonymous("GET", "/api/admin/backup").send().status()).isEqualTo(401);
        }
    }

    @Test
    void aServerWithoutABackupHook_answers404WithAProblem() {
        try (TestApp app = TestApp.start()) {
            TestApp.Res none = app.get("/api/admin/backup");
            assertThat(none.status()).isEqualTo(404);
            assertThat(none.isProblem()).isTrue();
            assertThat(none.json().get("detail").asText()).contains("MongoDB");
        }
    }
}
