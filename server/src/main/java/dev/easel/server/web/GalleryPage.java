package dev.easel.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the gallery. */
@Controller
class GalleryPage {
    @GetMapping("/")
    String home() {
        return "home";
    }
}
