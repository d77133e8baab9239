package dev.easel.server.gallery;

/** An uploaded image file is over the size limit (413). */
class ImageTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ImageTooLargeException(String message) {
        super(message);
    }
}
