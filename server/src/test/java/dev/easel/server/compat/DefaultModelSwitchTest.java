package dev.easel.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.server.accounts.Role;
import dev.easel.server.accounts.UserAccount;
import org.junit.jupiter.api.Test;

/** Who may change the server-wide default model through A1111's options call. */
class DefaultModelSwitchTest {
    private static final UserAccount USER = new UserAccount(2, "ann", "Ann", Role.USER);
    private static final UserAccount MODERATOR = new UserAccount(3, "mo", "Mo", Role.MODERATOR);
    private static final UserAccount ADMIN = new UserAccount(1, "root", "Root", Role.ADMIN);

    @Test
    void withKeysRequiredOnlyAdminsMaySwitch() {
        assertThat(A1111Checkpoints.mayChangeDefault(USER, false)).isFalse();
        assertThat(A1111Checkpoints.mayChangeDefault(MODERATOR, false)).isFalse();
        assertThat(A1111Checkpoints.mayChangeDefault(ADMIN, false)).isTrue();
    }

    @Test
    void withAnonymousAccessAnyoneMaySwitchAsWithALocalA1111() {
        assertThat(A1111Checkpoints.mayChangeDefault(USER, true)).isTrue();
        assertThat(A1111Checkpoints.mayChangeDefault(ADMIN, true)).isTrue();
    }
}
