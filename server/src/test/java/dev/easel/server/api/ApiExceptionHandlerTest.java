package dev.easel.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;

class ApiExceptionHandlerTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aClientThatWentAwayGetsNoAnswerWhileOtherFailuresAre500s() {
        assertThat(handler.unexpected(new ClientAbortException(new IOException("Broken pipe"))))
                .isNull();

        var failure = handler.unexpected(new IllegalStateException("bug"));
        assertThat(failure.getStatusCode().value()).isEqualTo(500);
        assertThat(failure.getBody().message()).isEqualTo("internal error");
    }
}
