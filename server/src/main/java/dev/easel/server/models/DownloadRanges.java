package dev.easel.server.models;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;

/** Tells a new download from the continuation of one, for download counts. */
final class DownloadRanges {
    private DownloadRanges() {}

    /**
     * Whether the request is a GET that will be answered with the file from its first byte: no Range (or a valid one
     * whose first range starts at 0), and no If-None-Match that matches (a 304 sends nothing).
     */
    static boolean startsNewDownload(HttpServletRequest request, String etag, long length) {
        if (!"GET".equals(request.getMethod())) {
            return false;
        }
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null
                && (ifNoneMatch.contains("\"" + etag + "\"")
                        || ifNoneMatch.strip().equals("*"))) {
            return false;
        }
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null) {
            return true;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(range);
            if (ranges.isEmpty()) {
                return true;
            }
            for (HttpRange r : ranges) {
                if (r.getRangeStart(length) >= length || r.getRangeEnd(length) < r.getRangeStart(length)) {
                    return false; // answered 416
                }
            }
            return ranges.get(0).getRangeStart(length) == 0;
        } catch (IllegalArgumentException e) {
            return false; // malformed or unsatisfiable: answered 416
        }
    }
}
