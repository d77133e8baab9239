package dev.easel.server.moderation;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.api.Page;
import dev.easel.server.generation.FlaggedImage;
import dev.easel.server.generation.GeneratedImages;
import java.time.DateTimeException;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** What the automatic checks caught, for moderators to review: rejected prompts and safety-flagged images. */
@Service
public class FlaggedContentService {
    private final PromptRejectionRepository rejections;
    private final GeneratedImages generated;

    FlaggedContentService(PromptRejectionRepository rejections, GeneratedImages generated) {
        this.rejections = rejections;
        this.generated = generated;
    }

    /** Prompts the prompt audit turned away, newest first. */
    public Page<PromptRejection> promptRejections(int limit, String cursor, UserAccount moderator) {
        Moderators.require(moderator);
        Moderators.checkLimit(limit);
        return Moderators.page(
                rejections.page(Moderators.idCursor(cursor), limit + 1), limit, r -> Long.toString(r.id()));
    }

    /** Generated images the safety checker flagged, newest first. */
    public Page<FlaggedImage> flaggedImages(int limit, String cursor, UserAccount moderator) {
        Moderators.require(moderator);
        Moderators.checkLimit(limit);
        FlaggedImage after = null;
        if (cursor != null) {
            String[] parts = Moderators.parts(cursor, 3);
            try {
                Instant finished = Moderators.fromMicros(parts[0]);
                after = new FlaggedImage(parts[1], Integer.parseInt(parts[2]), 0, null, null, finished);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                throw Moderators.badCursor();
            }
        }
        return Moderators.page(
                generated.flaggedImages(after, limit + 1),
                limit,
                image -> Moderators.cursor(
                        Moderators.micros(image.finishedAt()), image.jobId(), Integer.toString(image.index())));
    }
}
