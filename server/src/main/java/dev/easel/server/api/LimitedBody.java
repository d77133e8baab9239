package dev.easel.server.api;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The request with its body counted as it is read, through the stream and the reader alike: reading past the limit,
 * or past the large-body threshold without a turn, fails with {@link BodyRefusedException}. The declared
 * Content-Length is not trusted; chunked bodies have none.
 */
final class LimitedBody extends HttpServletRequestWrapper {
    private final UploadLimit limit;
    private final LargeBodies largeBodies;
    private long bytesRead;
    private boolean holdsTurn;
    private BodyRefusedException refusal;
    private ServletInputStream stream;
    private BufferedReader reader;

    LimitedBody(HttpServletRequest request, UploadLimit limit, LargeBodies largeBodies) {
        super(request);
        this.limit = limit;
        this.largeBodies = largeBodies;
    }

    /** Takes a turn before reading a body declared large; false when none came in time. */
    boolean takeTurn() {
        holdsTurn = largeBodies.acquire();
        return holdsTurn;
    }

    void release() {
        if (holdsTurn) {
            holdsTurn = false;
            largeBodies.release();
        }
    }

    /** Why reading the body failed, or null if it did not. */
    BodyRefusedException refusal() {
        return refusal;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counted(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    private void count(int bytes) throws BodyRefusedException {
        if (refusal != null) {
            throw refusal;
        }
        if (bytes <= 0) {
            return;
        }
        bytesRead += bytes;
        if (bytesRead > limit.maxBytes()) {
            refusal = BodyRefusedException.tooLarge(limit);
        } else if (!holdsTurn && largeBodies.isLarge(bytesRead) && !takeTurn()) {
            refusal = BodyRefusedException.busy(largeBodies.retryAfter());
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    private final class Counted extends ServletInputStream {
        private final ServletInputStream in;

        Counted(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
