package dev.easel.server.web;

import dev.easel.server.accounts.AdminSetup;
import dev.easel.server.accounts.UserAccount;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in and registration pages; signing in itself is Spring Security's form login at {@code POST /login}. */
@Controller
class SignInPages {
    private final AdminSetup adminSetup;

    SignInPages(AdminSetup adminSetup) {
        this.adminSetup = adminSetup;
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal UserAccount viewer) {
        return viewer != null ? "redirect:/" : "login";
    }

    @GetMapping("/register")
    String register(@AuthenticationPrincipal UserAccount viewer, Model model) {
        // The operator registers the first admin here with the token from the log.
        model.addAttribute("setupPending", adminSetup.pending());
        return viewer != null ? "redirect:/" : "register";
    }
}
