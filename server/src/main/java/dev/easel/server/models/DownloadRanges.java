package dev.easel.server.models;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;

/** What a request for a stored file will be answered with, decided before anything is sent. */
final class DownloadRanges {
    private DownloadRanges() {}

    /** How a request for a file is answered. */
    enum Answer {
        /** 304: the client has these bytes (If-None-Match). */
        NOT_MODIFIED,
        /** 416: the Range cannot be served. */
        UNSATISFIABLE,
        /** 200 or 206 from the file's first byte, to a GET: a new download. */
        FROM_START,
        /** 206 continuing a download, or a HEAD. */
        PART
    }

    /**
     * Decides as Spring MVC's resource handling will: If-None-Match first, then the Range, which is unsatisfiable
     * exactly when {@link HttpRange#toResourceRegions} refuses it (Spring would then send 416 with the whole file).
     */
    static Answer of(HttpServletRequest request, String etag, Resource file) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null
                && (ifNoneMatch.contains("\"" + etag + "\"")
                        || ifNoneMatch.strip().equals("*"))) {
            return Answer.NOT_MODIFIED;
        }
        boolean get = "GET".equals(request.getMethod());
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null) {
            return get ? Answer.FROM_START : Answer.PART;
        }
        List<HttpRange> ranges;
        long length;
        try {
            ranges = HttpRange.parseRanges(range);
            HttpRange.toResourceRegions(ranges, file);
            length = file.contentLength();
        } catch (IllegalArgumentException e) {
            return Answer.UNSATISFIABLE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean fromStart = ranges.isEmpty() || ranges.get(0).getRangeStart(length) == 0;
        return get && fromStart ? Answer.FROM_START : Answer.PART;
    }
}
