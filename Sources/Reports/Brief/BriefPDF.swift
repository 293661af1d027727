import Foundation

/// Prints a brief's HTML to PDF with headless Chromium (Debian package `chromium`), A4 as the page's CSS asks.
public enum BriefPDF {
    /// Writes `pdf` from the HTML file at `html`. Throws `BriefError.invalid` with what to install when
    /// Chromium is missing, or with Chromium's message when printing fails.
    /// Chromium is stopped after `timeout` seconds (default 120).
    public static func print(html: String, to pdf: String, chromium: String = "chromium", timeout: Double = 120) throws {
        guard let exe = locate(chromium) else {
            throw BriefError.invalid("'\(chromium)' was not found on PATH; install it (apt-get install chromium) or leave out --pdf")
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("truant-chromium-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)",
                       "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: html).absoluteString]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        // Headless Chromium can hang on a loaded machine: stop it after `timeout` seconds.
        let watchdog = DispatchWorkItem { [p] in if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf) else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: "\n")
            throw BriefError.invalid("chromium could not print \(html) to \(pdf) (exit \(p.terminationStatus)): \(text)")
        }
    }

    /// Full path of an executable on PATH.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
