package dev.easel.server.web;

import dev.easel.server.accounts.UserAccount;
import dev.easel.server.accounts.UserService;
import dev.easel.server.api.Page;
import dev.easel.server.models.BaseModel;
import dev.easel.server.models.ModelDetail;
import dev.easel.server.models.ModelListParameters;
import dev.easel.server.models.ModelReads;
import dev.easel.server.models.ModelReviews;
import dev.easel.server.models.ModelSummary;
import dev.easel.server.models.ReviewView;
import dev.easel.server.models.VersionView;
import dev.easel.server.social.CommentService;
import dev.easel.server.social.LikeService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shared models: the list (sorts and filters of the models API), a model's page (versions, files, samples, download,
 * reviews, comments, "generate with this model", the owner's delete) and the upload form, which posts to {@code POST /api/v1/models}.
 */
@Controller
class ModelPages {
    private final ModelReads reads;
    private final ModelReviews reviews;
    private final LikeService likes;
    private final CommentService comments;
    private final UserService users;

    ModelPages(ModelReads reads, ModelReviews reviews, LikeService likes, CommentService comments, UserService users) {
        this.reads = reads;
        this.reviews = reviews;
        this.likes = likes;
        this.comments = comments;
        this.users = users;
    }

    @GetMapping("/models")
    String list(
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        Page<ModelSummary> models =
                reads.browse(new ModelListParameters(sort, null, null, null, null, cursor, GalleryPage.PAGE_SIZE));
        model.addAttribute("models", models);
        model.addAttribute("sort", sort);
        return htmx != null ? "fragments/models :: more" : "models";
    }

    @GetMapping("/models/new")
    String upload(Model model) {
        model.addAttribute("baseModels", BaseModel.values());
        return "model-upload";
    }

    @GetMapping("/models/{id}")
    String model(@PathVariable String id, @AuthenticationPrincipal UserAccount viewer, Model model) {
        UserAccount as = Viewers.of(viewer, users);
        ModelDetail detail = reads.detail(id, as);
        Map<String, Page<ReviewView>> versionReviews = new LinkedHashMap<>();
        for (VersionView version : detail.versions()) {
            if (version.status().equals("PUBLISHED")) {
                versionReviews.put(version.id(), reviews.list(id, version.id(), null, 20, as));
            }
        }
        model.addAttribute("detail", detail);
        model.addAttribute("baseModels", BaseModel.values());
        model.addAttribute("reviews", versionReviews);
        model.addAttribute(
                "own", viewer != null && viewer.mayManage(detail.model().ownerId()));
        model.addAttribute(
                "liked", viewer != null && likes.state("models", id, as).liked());
        model.addAttribute("comments", comments.list("models", id, null, 50, as));
        return "model";
    }
}
