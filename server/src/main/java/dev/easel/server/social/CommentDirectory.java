package dev.easel.server.social;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.content.ContentDirectory;
import dev.easel.server.content.ContentKind;
import dev.easel.server.content.ContentSummary;
import dev.easel.server.social.CommentRepository.CommentRow;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Comments for moderation and reports: visible when their target is, hidden ones only to author and moderators. */
@Component
class CommentDirectory implements ContentDirectory {
    private static final int TITLE_LENGTH = 80;

    private final CommentService comments;

    CommentDirectory(CommentService comments) {
        this.comments = comments;
    }

    @Override
    public ContentKind kind() {
        return ContentKind.COMMENT;
    }

    /** Deleted comments are gone for everyone but moderators ({@link #findAny}). */
    @Override
    public Optional<ContentSummary> find(String id, UserAccount viewer) {
        return comments.visible(id, viewer)
                .filter(comment -> !comment.deleted())
                .map(CommentDirectory::summary);
    }

    @Override
    public Optional<ContentSummary> findAny(String id) {
        return comments.find(id).map(CommentDirectory::summary);
    }

    @Override
    public void setHidden(String id, boolean hidden) {
        comments.setHidden(id, hidden);
    }

    private static ContentSummary summary(CommentRow comment) {
        String body = comment.body();
        String title = body.length() <= TITLE_LENGTH ? body : body.substring(0, TITLE_LENGTH) + "…";
        return new ContentSummary(ContentKind.COMMENT, comment.id(), comment.authorId(), title, comment.hidden());
    }
}
