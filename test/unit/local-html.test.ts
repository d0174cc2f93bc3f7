import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonInScript } from "../../src/web/html.js";
import { chatPage, pickerPage } from "../../src/web/local/local-pages.js";

describe("the HTML of the local pages", () => {
  it("escapes every interpolated value, and only Html passes through as markup", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p>${name}</p>`.value).toBe(
      "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>",
    );
    expect(html`<ul>${[html`<li>${"a<b"}</li>`, html`<li>${"c"}</li>`]}</ul>`.value).toBe(
      "<ul><li>a&lt;b</li><li>c</li></ul>",
    );
    expect(html`${undefined}${null}${false}${0}`.value).toBe("0");
    expect(escapeHtml("plain")).toBe("plain");
  });

  it("keeps JSON in a script element from closing it", () => {
    const value = { name: "</script><script>alert(1)</script>", amp: "a&b" };
    const text = jsonInScript(value).value;
    expect(text).not.toContain("</script>");
    expect(JSON.parse(text)).toEqual(value);
  });

  it("renders a person's name and seats as text on both pages, in the page's language", () => {
    const person = {
      id: "0b6e3a1e-3c41-4d6f-9d59-0f5e2b1a7c11",
      name: "Eve <img src=x onerror=alert(1)>",
      email: "eve@x.example",
      locale: "nl",
      seats: [
        {
          organisation: "Gemeente <b>X</b>",
          organisationType: "gemeente",
          region: "Regio",
          regionSlug: "regio",
          role: "ambtelijk",
          isChair: true,
        },
      ],
    };
    for (const page of [pickerPage("nl", [person]), chatPage("nl", person, [])]) {
      expect(page).not.toContain("<img src=x");
      expect(page).not.toContain("<b>X</b>");
      expect(page).toContain("Eve &lt;img src=x onerror=alert(1)&gt;");
      expect(page).toContain("voorzitter");
    }
    const english = chatPage("en", person, [
      { bindingId: "5c4f7f0e-8f0b-4a53-9e8e-1c2d3e4f5a6b", channelId: "regio-regio", regionName: "Regio" },
    ]);
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<label for="line">Message or command</label>');
    expect(english).toContain('role="log"');
    expect(english).toContain("#regio-regio (Regio)");
  });
});
