package dev.easel.server.web;

import dev.easel.engine.scheduler.Sampler;
import dev.easel.server.content.NsfwLevel;
import dev.easel.server.generation.ModelCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The generator. The page renders the form, prefilled from the query ("use these settings" and "generate with this
 * model" link here with parameters); its script submits jobs to {@code POST /api/v1/jobs} and follows each job's event
 * stream, so results appear without a reload.
 */
@Controller
class GeneratePage {
    private final ModelCatalog catalog;

    GeneratePage(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/generate")
    String generate(@RequestParam Map<String, String> query, Model model) {
        List<ModelCatalog.Entry> models = catalog.all();
        String defaultModel = models.isEmpty() ? "" : catalog.defaultEntry().name();
        int side = models.isEmpty() ? 512 : catalog.defaultEntry().nativeSize();
        GenerateForm form = GenerateForm.of(query, defaultModel, side);
        List<String> names =
                new ArrayList<>(models.stream().map(ModelCatalog.Entry::name).toList());
        if (!form.model().isBlank() && !names.contains(form.model())) {
            // A model linked from elsewhere that this node does not list (yet): the API answers if it cannot run it.
            names.addFirst(form.model());
        }
        model.addAttribute("models", names);
        model.addAttribute(
                "samplers",
                Arrays.stream(Sampler.values()).map(Sampler::displayName).toList());
        model.addAttribute("form", form);
        model.addAttribute("levels", NsfwLevel.values());
        return "generate";
    }

    /** The form's starting values, as text: the query's where given, else the defaults the API would use. */
    record GenerateForm(
            String prompt,
            String negativePrompt,
            String model,
            String sampler,
            String steps,
            String cfgScale,
            String width,
            String height,
            String seed,
            String n) {

        static GenerateForm of(Map<String, String> query, String defaultModel, int side) {
            String size = Integer.toString(side);
            return new GenerateForm(
                    query.getOrDefault("prompt", ""),
                    query.getOrDefault("negativePrompt", ""),
                    query.getOrDefault("model", defaultModel),
                    query.getOrDefault("sampler", Sampler.EULER_A.displayName()),
                    query.getOrDefault("steps", "20"),
                    query.getOrDefault("cfgScale", "7"),
                    query.getOrDefault("width", size),
                    query.getOrDefault("height", size),
                    query.getOrDefault("seed", ""),
                    query.getOrDefault("n", "1"));
        }
    }
}
