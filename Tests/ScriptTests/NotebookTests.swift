import Frames
import Foundation
import Testing
import TestSupport
@testable import Script

@Suite("Notebooks: Markdown with truant cells rendered to HTML")
struct NotebookTests {
    let text = """
    # Title with <b>

    Some *prose* and `code`.

    ```truant
    x <- c(1, 2, 3)
    mean(x)
    ```

    1. one
    2. two

    ```{truant}
    d <- data_frame(a = 1:2, s = c("p", "q"))
    d
    print("after the table")
    ```

    ```sh
    echo not run
    ```
    """

    @Test("blocks: prose, truant cells (with their line numbers) and other listings")
    func blocks() throws {
        let nb = try Notebook(path: "n.md", text: text)
        let cells = nb.blocks.compactMap { b -> Int? in if case .cell(_, let line) = b { return line }; return nil }
        #expect(cells == [6, 14])
        #expect(nb.blocks.contains(.listing(code: "echo not run", language: "sh")))
    }

    @Test("render: escaped prose and code, printed output, tables as HTML, provenance footer; identical on rerun")
    func render() throws {
        let nb = try Notebook(path: "dir/n.md", text: text)
        let html = try nb.render(version: "1.2.3")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Title with &lt;b&gt;</title>"))
        #expect(html.contains("<h1>Title with &lt;b&gt;</h1>"))
        #expect(html.contains("<p>Some <em>prose</em> and <code>code</code>.</p>"))
        #expect(html.contains("<pre class=\"code\"><code>x &lt;- c(1, 2, 3)\nmean(x)</code></pre>\n<pre class=\"output\">[1] 2\n</pre>"))
        #expect(html.contains("<ol>\n<li>one</li>\n<li>two</li>\n</ol>"))
        #expect(html.contains("<tr><th>1</th><td class=\"num\">1</td><td>p</td></tr>"))
        #expect(html.contains("</table>\n<pre class=\"output\">[1] &quot;after the table&quot;\n</pre>"))
        #expect(html.contains("<pre class=\"listing\"><code class=\"language-sh\">echo not run</code></pre>"))
        #expect(html.contains("Rendered by Truant 1.2.3 from <code>n.md</code> (SHA-256 <code>\(SHA256.hex(Array(text.utf8)))</code>)"))
        #expect(html.contains("Seed: none"))
        #expect(try nb.render(version: "1.2.3") == html)
    }

    @Test("a failing cell stops the render with the notebook's line number")
    func failingCell() throws {
        let nb = try Notebook(path: "n.md", text: "# T\n\n```truant\nx <- 1\ny <- x + zz\n```\n")
        #expect(throws: ScriptError.self) { try nb.render(version: "1") }
        do { _ = try nb.render(version: "1") } catch let e as ScriptError {
            #expect(e.line == 5 && e.column == 10)
            #expect(e.description.hasPrefix("Error in n.md:5:10: unknown name 'zz'"))
        }
    }

    @Test("an unclosed code fence is an error naming its line")
    func unclosedFence() {
        #expect(throws: ScriptError.self) { try Notebook(path: "n.md", text: "text\n```truant\nx <- 1\n") }
    }
}
