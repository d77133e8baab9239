package dev.easel.server.images;

import java.util.Arrays;
import java.util.Optional;

/** The image formats uploads may have, told by their first bytes (never by a file name or a client's media type). */
public enum ImageFormat {
    PNG("png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    JPEG("jpeg", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    private final String imageIoName;
    private final String mediaType;
    private final byte[] magic;

    ImageFormat(String imageIoName, String mediaType, byte[] magic) {
        this.imageIoName = imageIoName;
        this.mediaType = mediaType;
        this.magic = magic;
    }

    public static Optional<ImageFormat> of(byte[] bytes) {
        return Arrays.stream(values())
                .filter(format -> bytes.length >= format.magic.length
                        && Arrays.equals(bytes, 0, format.magic.length, format.magic, 0, format.magic.length))
                .findFirst();
    }

    public String imageIoName() {
        return imageIoName;
    }

    public String mediaType() {
        return mediaType;
    }
}
