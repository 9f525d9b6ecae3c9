//! End to end in a real Chromium driven by fantoccini (Debian `chromium` and
//! `chromium-driver`): the flows a person goes through, at phone width, with a screenshot
//! of each page saved under `target/screenshots/`. Without Chromium these tests say so and
//! pass, except under CI (`CI` set), where a missing browser is a failure.

use crate::support::{App, app};
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Stops chromedriver and the Chromium it started even when a test panics.
/// Chromedriver runs in a process group of its own, which Chromium joins, so
/// the whole group goes; killing chromedriver alone would orphan the browser.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", self.0.id())]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(program)).find(|p| p.is_file()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Chromium and its driver, or `None` (with a message) when they are not installed.
async fn browser() -> Option<(Driver, Client)> {
    browser_with(&[]).await
}

/// A browser started with `extra` command-line switches as well.
async fn browser_with(extra: &[&str]) -> Option<(Driver, Client)> {
    let chromium = on_path("chromium").or_else(|| on_path("chromium-browser"));
    let (Some(chromium), Some(chromedriver)) = (chromium, on_path("chromedriver")) else {
        let message =
            "chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)";
        assert!(std::env::var_os("CI").is_none(), "{message}; the browser tests must run in CI");
        eprintln!("skipping the browser test: {message}");
        return None;
    };
    let _ = rustls::crypto::ring::default_provider().install_default();
    let port = free_port();
    let mut command = Command::new(chromedriver);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    let mut args = vec![
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=360,800",
        "--hide-scrollbars",
    ];
    args.extend_from_slice(extra);
    caps.insert("goog:chromeOptions".into(), serde_json::json!({ "binary": chromium, "args": args }));
    for _ in 0..100 {
        if let Ok(client) = ClientBuilder::rustls()
            .expect("rustls")
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            return Some((driver, client));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not answer on port {port}");
}

/// Serves the app on a free port; returns its base URL.
async fn serve(app: &App) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(kith_web::serve_on(app.state.clone(), listener));
    format!("http://{addr}")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// Saves the whole page at 360 px wide.
async fn shot(c: &Client, name: &str) {
    let height = c
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(800);
    // The window includes a little browser frame even when headless; leave room for it.
    c.set_window_size(360, u32::try_from((height + 140).clamp(640, 8000)).unwrap_or(800))
        .await
        .expect("resize");
    let _ = c.execute("window.scrollTo(0, 0)", vec![]).await;
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(screenshots().join(format!("{name}.png")), png).expect("save screenshot");
    c.set_window_size(360, 800).await.expect("resize back");
}

async fn streak(c: &Client) -> u32 {
    let s = c.find(Locator::Id("streak")).await.expect("the streak").attr("data-streak").await.expect("attr");
    s.and_then(|s| s.parse().ok()).expect("a number")
}

async fn text(c: &Client) -> String {
    c.find(Locator::Css("main")).await.expect("main").text().await.expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_day_with_kith_in_a_real_browser() {
    let app = app(true).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };

    // Today on the demo year, with a signal and its evidence.
    c.goto(&format!("{base}/")).await.expect("open today");
    let before = streak(&c).await;
    let signal = c.find(Locator::Css("article.signal")).await.expect("a signal");
    signal.find(Locator::Css("summary")).await.expect("evidence").click().await.expect("open evidence");
    let evidence = signal.find(Locator::Css("dl")).await.expect("evidence list").text().await.expect("text");
    assert!(evidence.contains("Recently") && evidence.contains("Usually"), "{evidence}");
    shot(&c, "today").await;

    // Log an interaction in three taps: a person, a mode, a feeling.
    c.goto(&format!("{base}/log")).await.expect("open log");
    c.find(Locator::Css("label[for=person-1]")).await.expect("person").click().await.expect("tap 1");
    c.find(Locator::Css("label[for=mode-voice]")).await.expect("mode").click().await.expect("tap 2");
    shot(&c, "log").await;
    c.find(Locator::Id("felt-1")).await.expect("felt").click().await.expect("tap 3");
    c.wait().for_element(Locator::Css(".flash")).await.expect("thank-you");
    assert_eq!(streak(&c).await, before + 1, "the streak moved on");

    // Add a plan three hours ahead and cancel it: a late cancellation.
    c.goto(&format!("{base}/plans")).await.expect("open plans");
    c.find(Locator::Css("#plan-people option")).await.expect("a person").click().await.expect("choose");
    c.find(Locator::Id("plan-at")).await.expect("when").send_keys("+3h").await.expect("type");
    c.find(Locator::Id("plan-note")).await.expect("note").send_keys("browser coffee").await.expect("type");
    c.find(Locator::Id("plan-save")).await.expect("save").click().await.expect("add");
    c.wait().for_element(Locator::Css(".flash")).await.expect("planned");
    c.find(Locator::Css(".flash #undo")).await.expect("the thank-you offers to undo the new plan");
    let plan = c.find(Locator::XPath("//li[contains(., 'browser coffee')]")).await.expect("the new plan");
    plan.find(Locator::Css("button[value=cancelled_by_me]"))
        .await
        .expect("cancel")
        .click()
        .await
        .expect("cancel");
    // The page before already showed a thank-you ("Planned.", with Undo): wait for the new one.
    c.wait()
        .for_element(Locator::XPath("//div[@class='flash' and contains(., 'Saying no is allowed')]"))
        .await
        .expect("cancelled");
    let page = text(&c).await;
    assert!(page.contains("Saying no is allowed"), "{page}");
    assert!(page.contains("cancelled by me, 3 hours before the start"), "{page}");
    shot(&c, "plans").await;

    // The daily check-in.
    c.goto(&format!("{base}/checkin")).await.expect("open check-in");
    for id in ["energy-3", "mood-2", "stress-4", "capacity-1", "restored-no", "affected-sleep"] {
        c.find(Locator::Css(&format!("label[for={id}]"))).await.expect("answer").click().await.expect("tap");
    }
    shot(&c, "checkin").await;
    c.find(Locator::Id("checkin-save")).await.expect("save").click().await.expect("send");
    c.wait().for_element(Locator::Css(".flash")).await.expect("checked in");
    assert!(text(&c).await.contains("Checked in"));

    // The other pages, for the screenshots and a glance that they render.
    let person = c.find(Locator::Css("#reach a[href^='/people/'], section a[href^='/people/']")).await;
    let person_href = match person {
        Ok(a) => a.attr("href").await.expect("href").unwrap_or_default(),
        Err(_) => String::from("/people"),
    };
    for (name, path) in [
        ("people", "/people"),
        ("person", person_href.as_str()),
        ("map", "/map"),
        ("report", "/report"),
        ("report-month", "/report?period=month"),
        ("settings", "/settings"),
    ] {
        c.goto(&format!("{base}{path}")).await.expect("open page");
        assert!(c.find(Locator::Css("h1")).await.is_ok(), "{path}");
        shot(&c, name).await;
    }

    // A form on another site posting to kith is refused, and nothing is logged.
    let evil = evil_site(&base).await;
    c.goto(&evil).await.expect("open the other site");
    c.find(Locator::Id("go")).await.expect("their button").click().await.expect("post");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let refused = c.source().await.expect("source");
    assert!(!refused.contains("id=\"streak\""), "the post did not get through: {refused}");
    c.goto(&format!("{base}/")).await.expect("back to today");
    assert_eq!(streak(&c).await, before + 1, "nothing more was logged");
    c.close().await.expect("close the browser");
}

/// Another origin whose page holds a form that posts a log to kith.
async fn evil_site(kith: &str) -> String {
    let page = format!(
        "<!doctype html><form method=post action=\"{kith}/log\"><input type=hidden name=new_person value=Mallory><input type=hidden name=mode value=text><button id=go name=felt value=2>win a prize</button></form>"
    );
    let router =
        axum::Router::new().route("/", axum::routing::get(move || async move { axum::response::Html(page) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}/")
}

/// Clicks the label for the input `id`, as a finger would.
async fn tap(c: &Client, id: &str) {
    c.find(Locator::Css(&format!("label[for={id}]"))).await.expect(id).click().await.expect(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_tried_from_prediction_to_outcome_in_a_real_browser() {
    let app = app(true).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    c.goto(&format!("{base}/")).await.expect("open today");
    let before = streak(&c).await;

    // Add a step with someone, from the ladder page, under "More" on a phone.
    c.find(Locator::Css("#more-menu summary")).await.expect("More").click().await.expect("open More");
    c.find(Locator::Css("#more-menu a[href='/ladder']"))
        .await
        .expect("the ladder in the menu")
        .click()
        .await
        .expect("open");
    c.find(Locator::Id("step-title"))
        .await
        .expect("title")
        .send_keys("Call an old friend")
        .await
        .expect("type");
    tap(&c, "difficulty-4").await;
    let person = c.find(Locator::Css("#step-person option:nth-child(2)")).await.expect("a person");
    let name = person.text().await.expect("their name");
    person.click().await.expect("choose");
    tap(&c, "step-mode-voice").await;
    c.find(Locator::Id("step-save")).await.expect("save").click().await.expect("add");
    c.wait().for_element(Locator::Css(".flash")).await.expect("added");
    shot(&c, "ladder").await;
    c.find(Locator::XPath("//li[contains(., 'Call an old friend')]//a"))
        .await
        .expect("the new step")
        .click()
        .await
        .expect("open the step");

    // Before: the anxiety expected, and a feeling in two taps (a region, then a word).
    tap(&c, "anxiety-8").await;
    tap(&c, "before-region-high_unpleasant").await;
    let word = c.find(Locator::Css("label[for=before-anxious]")).await.expect("the word");
    assert!(word.is_displayed().await.expect("shown"), "the region's words show after the first tap");
    assert!(
        word.text().await.expect("text").contains("braced for something to go wrong"),
        "its meaning is shown"
    );
    word.click().await.expect("tap 2");
    shot(&c, "step-before").await;
    c.find(Locator::Id("predict-save")).await.expect("save").click().await.expect("predict");
    c.wait()
        .for_element(Locator::XPath("//p[@id='try-words' and contains(., 'Noted')]"))
        .await
        .expect("prediction noted");

    // After: the anxiety felt, and a feeling afterwards.
    tap(&c, "felt_anxiety-2").await;
    tap(&c, "after-region-low_pleasant").await;
    tap(&c, "after-relieved").await;
    c.find(Locator::Id("outcome-save")).await.expect("save").click().await.expect("done");
    let words = c
        .wait()
        .for_element(Locator::XPath("//p[@id='try-words' and contains(., 'You did it')]"))
        .await
        .expect("the acknowledgement")
        .text()
        .await
        .expect("text");
    assert!(words.contains("You did it: Call an old friend."), "{words}");
    assert!(words.contains("You expected anxiety of 8 and felt 2: easier than you feared."), "{words}");
    assert!(words.contains(&format!("Logged as time with {name}")), "{words}");
    shot(&c, "step-after").await;

    // The person's page shows the call, and today counts it.
    c.find(Locator::Id("logged")).await.expect("the link").click().await.expect("open the person");
    c.wait().for_element(Locator::Css("h1")).await.expect("the person page");
    assert!(text(&c).await.contains(&name), "on {name}'s page");
    c.goto(&format!("{base}/")).await.expect("back to today");
    assert_eq!(streak(&c).await, before + 1, "the step counts toward one a day");
}

/// Contacts and then a WhatsApp chat, uploaded, previewed and confirmed at phone width; the
/// people and the chat's days then show on the people pages, not only on the import page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_contacts_and_a_chat_in_a_real_browser() {
    let app = app(false).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../kith-import/tests/fixtures");
    let fixtures = fixtures.canonicalize().expect("the fixtures");

    c.goto(&format!("{base}/import")).await.expect("open import");
    shot(&c, "import").await;
    let file = fixtures.join("contacts.vcf").display().to_string();
    c.find(Locator::Id("file")).await.expect("file field").send_keys(&file).await.expect("choose file");
    c.find(Locator::Id("import-preview")).await.expect("preview").click().await.expect("send");
    c.wait().for_element(Locator::Id("preview")).await.expect("the preview");
    let preview = text(&c).await;
    assert!(preview.contains("Jürgen Müller") && preview.contains("Sam Lee"), "{preview}");
    assert!(preview.contains("record 4"), "the skip says where: {preview}");
    shot(&c, "import-preview").await;
    // Read from the database itself: pages with personal data are never cached, so the
    // browser would not bring the preview back after a visit elsewhere.
    let people = {
        let mut store = kith_store::Store::open(&app.state.config().location).await.expect("open");
        let mut tx = store.begin(kith_store::Access::Read).await.expect("begin");
        kith_store::Repo::people(&mut tx, true).await.expect("people")
    };
    assert!(people.is_empty(), "the preview wrote nothing: {people:?}");
    c.find(Locator::Id("import-confirm")).await.expect("confirm").click().await.expect("import");
    c.wait().for_element(Locator::Css(".flash")).await.expect("imported");
    assert!(text(&c).await.contains("Imported."));

    // A chat with Sam, who is now known by name: one interaction a day.
    let chat = fixtures.join("whatsapp-ios-narrow-nbsp.txt").display().to_string();
    c.find(Locator::Id("file")).await.expect("file field").send_keys(&chat).await.expect("choose file");
    c.find(Locator::Id("me")).await.expect("me").send_keys("Me").await.expect("type");
    c.find(Locator::Id("import-preview")).await.expect("preview").click().await.expect("send");
    c.wait().for_element(Locator::Id("preview")).await.expect("the chat's preview");
    c.find(Locator::Id("import-confirm")).await.expect("confirm").click().await.expect("import");
    c.wait().for_element(Locator::Css(".flash")).await.expect("imported");

    c.goto(&format!("{base}/people")).await.expect("open people");
    let people = text(&c).await;
    assert!(people.contains("Jürgen Müller") && people.contains("Sam Lee"), "{people}");
    c.find(Locator::LinkText("Sam Lee")).await.expect("Sam").click().await.expect("open Sam");
    c.wait().for_element(Locator::Css("h1")).await.expect("Sam's page");
    let sam = text(&c).await;
    assert!(sam.contains("messages ("), "the chat's days are Sam's interactions: {sam}");
    shot(&c, "import-person").await;
    c.close().await.expect("close the browser");
}

/// On an empty database the welcome card and its three links fit a phone and a desktop
/// window, with nothing to scroll sideways.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_fits_a_phone_and_a_desktop_in_a_real_browser() {
    let app = app(false).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    for width in [390u32, 1280] {
        c.set_window_size(width, 900).await.expect("resize");
        c.goto(&format!("{base}/")).await.expect("open today");
        let card = c.find(Locator::Id("welcome")).await.expect("the welcome card");
        assert!(card.is_displayed().await.expect("displayed"), "the welcome shows at {width} px");
        let links = card.find_all(Locator::Css("ol a")).await.expect("the steps' links");
        assert_eq!(links.len(), 3, "three steps at {width} px");
        let inner = c.execute("return window.innerWidth", vec![]).await.expect("width");
        let inner = inner.as_f64().expect("a number");
        for link in &links {
            assert!(link.is_displayed().await.expect("displayed"), "each link shows at {width} px");
            let (x, _, w, _) = link.rectangle().await.expect("where the link is");
            let name = link.text().await.expect("text");
            assert!(x >= 0.0 && x + w <= inner, "{name:?} spans {x}..{} of {inner} px at {width} px", x + w);
        }
        let scroll = c.execute("return document.documentElement.scrollWidth", vec![]).await.expect("scroll");
        let scroll = scroll.as_f64().expect("a number");
        assert!(scroll <= inner, "no sideways scroll at {width} px: {scroll} > {inner}");
    }
    shot(&c, "welcome").await;
    c.close().await.expect("close the browser");
}

/// The quick check-in on Today: it fits a phone and a desktop, and two taps (a mood, then the
/// social battery) save it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_check_in_takes_two_taps_in_a_real_browser() {
    let app = app(false).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    for width in [1280u32, 390] {
        c.set_window_size(width, 900).await.expect("resize");
        c.goto(&format!("{base}/")).await.expect("open today");
        let inner = c.execute("return window.innerWidth", vec![]).await.expect("width");
        let inner = inner.as_f64().expect("a number");
        for id in ["quick-capacity-0", "quick-capacity-5"] {
            let button = c.find(Locator::Id(id)).await.expect(id);
            let (x, _, w, h) = button.rectangle().await.expect("where it is");
            assert!(x >= 0.0 && x + w <= inner, "{id} spans {x}..{} of {inner} px at {width} px", x + w);
            assert!(h >= 44.0, "{id} is {h} px tall at {width} px: too small to tap");
        }
        let scroll = c.execute("return document.documentElement.scrollWidth", vec![]).await.expect("scroll");
        assert!(scroll.as_f64().expect("a number") <= inner, "no sideways scroll at {width} px");
    }
    // Tapping the battery before a mood saves nothing: the browser asks for the mood.
    c.find(Locator::Id("quick-capacity-3")).await.expect("battery").click().await.expect("tap");
    assert!(c.find(Locator::Id("quick-checkin")).await.is_ok(), "still on Today, nothing sent");
    tap(&c, "quick-mood-4").await;
    shot(&c, "quick-checkin").await;
    c.find(Locator::Id("quick-capacity-3")).await.expect("battery").click().await.expect("tap");
    c.wait().for_element(Locator::Css(".flash")).await.expect("checked in");
    assert!(c.find(Locator::Id("quick-checkin")).await.is_err(), "the card goes once checked in");
    let mut store = kith_store::Store::open(&app.state.config().location).await.expect("open");
    let mut tx = store.begin(kith_store::Access::Read).await.expect("begin");
    let saved = kith_store::Repo::checkins(&mut tx, None).await.expect("read");
    assert_eq!(saved.len(), 1);
    assert_eq!((saved[0].mood.get(), saved[0].capacity.get(), saved[0].energy), (4, 3, None));
    c.close().await.expect("close the browser");
}

/// The map on the demo year at a phone's and a desktop's width: every name and quadrant label
/// lies inside the chart's frame, no two labels overlap, and the page does not scroll sideways.
#[tokio::test]
async fn the_map_labels_neither_overlap_nor_leave_the_chart_in_a_real_browser() {
    let app = app(true).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    let measure = r#"
        const svg = document.querySelector('svg.chart[aria-labelledby^="map"]');
        const frame = svg.querySelector('rect.frame').getBoundingClientRect();
        const box = (e, name) => { const r = e.getBoundingClientRect(); return {name, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
        const labels = [...svg.querySelectorAll('g.point text')].map(e => box(e, e.textContent))
            .concat([...svg.querySelectorAll('text.quadrant')].map(e => box(e, e.textContent)));
        return {frame: box(svg.querySelector('rect.frame'), 'frame'), labels,
                scroll: document.documentElement.scrollWidth, inner: window.innerWidth};
    "#;
    for width in [390u32, 1280] {
        c.set_window_size(width, 900).await.expect("resize");
        c.goto(&format!("{base}/map")).await.expect("open the map");
        let got = c.execute(measure, vec![]).await.expect("measured");
        let num = |v: &serde_json::Value, k: &str| v[k].as_f64().expect("a number");
        let frame = &got["frame"];
        let labels = got["labels"].as_array().expect("labels");
        assert!(labels.len() >= 8, "the demo's people and the four quadrants: {}", labels.len());
        for l in labels {
            let name = l["name"].as_str().unwrap_or("");
            assert!(
                num(l, "left") >= num(frame, "left") - 0.5
                    && num(l, "right") <= num(frame, "right") + 0.5
                    && num(l, "top") >= num(frame, "top") - 0.5
                    && num(l, "bottom") <= num(frame, "bottom") + 0.5,
                "{name:?} leaves the frame at {width} px: {l} against {frame}"
            );
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                let apart = num(a, "right") <= num(b, "left")
                    || num(b, "right") <= num(a, "left")
                    || num(a, "bottom") <= num(b, "top")
                    || num(b, "bottom") <= num(a, "top");
                assert!(apart, "{} and {} overlap at {width} px: {a} {b}", a["name"], b["name"]);
            }
        }
        assert!(num(&got, "scroll") <= num(&got, "inner"), "no sideways scroll at {width} px");
    }
    shot(&c, "map-labels").await;
    c.close().await.expect("close the browser");
}

/// axe-core, installed by scripts/test.sh with npm into target/axe; `None` (and a message)
/// when it is not there, except under CI.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("KITH_AXE_JS").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/axe/node_modules/axe-core/axe.min.js")
    });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let message =
                format!("axe-core is not at {} ({e}); scripts/test.sh installs it with npm", path.display());
            assert!(std::env::var_os("CI").is_none(), "{message}; the accessibility test must run in CI");
            eprintln!("skipping the accessibility test: {message}");
            None
        }
    }
}

/// Every page on the demo year, in light and in dark, judged by axe-core: no serious or
/// critical finding.
#[tokio::test]
async fn every_page_passes_axe_core_in_light_and_dark() {
    let Some(axe) = axe_source() else { return };
    let app = app(true).await;
    let base = serve(&app).await;
    let (_, people) = app.get_json("/api/v1/people").await;
    let person = people["people"][0]["id"].as_str().expect("a person").to_owned();
    let (_, steps) = app.get_json("/api/v1/steps").await;
    let mut pages = vec![
        "/".to_owned(),
        "/log".into(),
        "/checkin".into(),
        "/plans".into(),
        "/people".into(),
        format!("/people/{person}"),
        "/map".into(),
        "/report".into(),
        "/report?period=month".into(),
        "/settings".into(),
        "/ladder".into(),
        "/thoughts".into(),
        "/import".into(),
    ];
    if let Some(step) = steps["steps"][0]["id"].as_str() {
        pages.push(format!("/ladder/{step}"));
    }
    let (_, logged) = app.get_json("/api/v1/interactions").await;
    if let Some(entry) = logged["interactions"][0]["id"].as_str() {
        pages.push(format!("/interactions/{entry}/edit"));
    }
    let (_, plans) = app.get_json("/api/v1/plans?upcoming=true").await;
    if let Some(plan) = plans["plans"][0]["id"].as_str() {
        pages.push(format!("/plans/{plan}/edit"));
    }
    let run = format!(
        "{axe}\n;return axe.run(document, {{resultTypes: ['violations']}}).then(r => r.violations\
         .filter(v => v.impact === 'serious' || v.impact === 'critical')\
         .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')));"
    );
    for (scheme, switches) in [("light", &[][..]), ("dark", &["--blink-settings=preferredColorScheme=0"][..])]
    {
        let Some((_driver, c)) = browser_with(switches).await else { return };
        c.goto(&format!("{base}/")).await.expect("open today");
        let dark = c
            .execute("return matchMedia('(prefers-color-scheme: dark)').matches", vec![])
            .await
            .expect("media");
        assert_eq!(dark.as_bool(), Some(scheme == "dark"), "the browser runs in {scheme}");
        let mut found = Vec::new();
        for page in &pages {
            c.goto(&format!("{base}{page}")).await.expect("open the page");
            let violations = c.execute(&run, vec![]).await.expect("axe runs");
            for v in violations.as_array().expect("a list") {
                found.push(format!("{page} ({scheme}): {}", v.as_str().unwrap_or_default()));
            }
        }
        assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
        c.close().await.expect("close the browser");
    }
}

/// On a phone the bar keeps the four daily pages and puts the rest under "More"; on a
/// desktop every page is in the bar.
#[tokio::test]
async fn the_menu_is_compact_on_a_phone_and_whole_on_a_desktop() {
    let app = app(true).await;
    let base = serve(&app).await;
    let Some((_driver, c)) = browser().await else { return };
    let visible_settings = r#"return [...document.querySelectorAll('nav a[href="/settings"]')].filter(a => a.checkVisibility({visibilityProperty: true})).length"#;
    c.set_window_size(390, 800).await.expect("resize");
    c.goto(&format!("{base}/")).await.expect("open today");
    let header = c
        .execute("return document.querySelector('header.top').getBoundingClientRect().height", vec![])
        .await
        .expect("height");
    assert!(header.as_f64().expect("a number") <= 100.0, "a compact bar at 390 px: {header}");
    assert_eq!(
        c.execute(visible_settings, vec![]).await.expect("count").as_u64(),
        Some(0),
        "Settings waits under More"
    );
    c.find(Locator::Css("#more-menu summary")).await.expect("More").click().await.expect("open More");
    assert_eq!(
        c.execute(visible_settings, vec![]).await.expect("count").as_u64(),
        Some(1),
        "More shows Settings"
    );
    c.find(Locator::Css("#more-menu a[href='/settings']"))
        .await
        .expect("the link")
        .click()
        .await
        .expect("follow it");
    assert!(c.current_url().await.expect("url").as_str().ends_with("/settings"));
    let scroll = c
        .execute("return document.documentElement.scrollWidth <= window.innerWidth", vec![])
        .await
        .expect("scroll");
    assert_eq!(scroll.as_bool(), Some(true), "no sideways scroll at 390 px");
    // On the narrowest common phones too, the four pages and More share one row.
    c.set_window_size(360, 800).await.expect("resize");
    let rows = c
        .execute(
            "const tops = [...document.querySelectorAll('nav > a, #more-menu > summary')].map(e => Math.round(e.getBoundingClientRect().top)); return Math.max(...tops) - Math.min(...tops)",
            vec![],
        )
        .await
        .expect("rows");
    assert!(rows.as_f64().expect("a number") < 8.0, "one row of links at 360 px, not {rows} px apart");

    c.set_window_size(1280, 800).await.expect("resize");
    c.goto(&format!("{base}/")).await.expect("open today");
    assert_eq!(
        c.execute(visible_settings, vec![]).await.expect("count").as_u64(),
        Some(1),
        "every page in the bar"
    );
    let more = c.find(Locator::Id("more-menu")).await.expect("More");
    assert!(!more.is_displayed().await.expect("displayed"), "no More on a desktop");
    shot(&c, "menu").await;
    c.close().await.expect("close the browser");
}
