package dev.easel.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies {@link RequestText} to query, form and multipart parameters and to uploaded file names, before any handler
 * sees them; and refuses a query string whose percent-escapes are not UTF-8, which the container would otherwise
 * turn into replacement characters silently.
 */
@Configuration(proxyBeanMethods = false)
class ParameterText implements WebMvcConfigurer, HandlerInterceptor {
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        checkQueryEncoding(request.getQueryString());
        for (Map.Entry<String, String[]> parameter : parameters(request).entrySet()) {
            String name = parameter.getKey();
            RequestText.check(name, name);
            for (String value : parameter.getValue()) {
                RequestText.check(name, value);
            }
        }
        if (request instanceof MultipartHttpServletRequest multipart) {
            for (Map.Entry<String, List<MultipartFile>> part :
                    multipart.getMultiFileMap().entrySet()) {
                for (MultipartFile file : part.getValue()) {
                    RequestText.check(part.getKey(), file.getOriginalFilename());
                }
            }
        }
        return true;
    }

    /** The container's parameters; a percent-escape it cannot decode is the client's mistake, not a 500. */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        try {
            return request.getParameterMap();
        } catch (InvalidParameterException e) {
            throw new FieldException(
                    null, "malformed query string or form body: a percent-escape is not a valid %XX sequence");
        }
    }

    private static void checkQueryEncoding(String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!isUtf8(percentDecoded(name)) || !isUtf8(percentDecoded(pair.substring(equals + 1)))) {
                String shown = new String(percentDecoded(name), StandardCharsets.UTF_8);
                throw new FieldException(shown, shown + " is not valid UTF-8 once percent-decoded");
            }
        }
    }

    private static byte[] percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else if (c < 0x100) {
                // The container hands the raw query over byte by byte, as ISO-8859-1 characters.
                bytes.write(c);
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
