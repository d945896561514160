//! Images in the article editor: upload one (shrunk here with a canvas when a side is over
//! `wire::limits::IMAGE_SIDE`, so the worker never decodes an image; the edge checks its kind by
//! its bytes and its dimensions), served from the help host and put into the body; and the
//! images the body still takes from other hosts, flagged, since a host page with `img-src
//! HELP-HOST` blocks them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::api::Api;
use crate::app::Ui;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct ImageUploadProps {
    pub ui: Ui,
    pub api: Rc<Api>,
    /// The body is Markdown (else imported HTML): how the image is written into it.
    pub markdown: bool,
    /// The image's markup, to add to the body.
    pub insert: Callback<String>,
}

#[function_component]
pub fn ImageUpload(props: &ImageUploadProps) -> Html {
    let ui = &props.ui;
    let state = use_state(|| None::<Result<(), String>>);
    let onchange = {
        let (api, state, insert, markdown) = (props.api.clone(), state.clone(), props.insert.clone(), props.markdown);
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            input.set_value("");
            let (api, state, insert) = (api.clone(), state.clone(), insert.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = async {
                    let (image, kind) = shrunk(&file).await?;
                    api.kb_upload_image(&image, &kind).await.map_err(|e| e.message())
                };
                match sent.await {
                    Ok(uploaded) => {
                        let alt = file.name().rsplit_once('.').map_or(file.name(), |(stem, _)| stem.to_string()).replace(['[', ']', '"', '<', '>'], "");
                        insert.emit(if markdown { format!("\n\n![{alt}]({})\n", uploaded.url) } else { format!("<p><img src=\"{}\" alt=\"{alt}\"></p>", uploaded.url) });
                        state.set(Some(Ok(())));
                    }
                    Err(message) => state.set(Some(Err(message))),
                }
            });
        })
    };
    html! {
        <div class="kb-image-upload">
            <label for="kb-image">{ ui.t(Text::KbInsertImage) }</label>
            <input id="kb-image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" {onchange} />
            { match &*state {
                Some(Ok(())) => html! { <p class="status" role="status">{ ui.t(Text::KbImageInserted) }</p> },
                Some(Err(message)) => html! { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> },
                None => html! {},
            } }
        </div>
    }
}

/// The image to send and its type: as chosen, or drawn smaller on a canvas (as PNG, or JPEG for
/// a JPEG) when a side is over the edge's limit.
async fn shrunk(file: &web_sys::File) -> Result<(web_sys::Blob, String), String> {
    let unreadable = |_| "the browser cannot read this image".to_string();
    let window = web_sys::window().ok_or("no window")?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).map_err(unreadable)?).await.map_err(unreadable)?.unchecked_into();
    let (width, height, side) = (bitmap.width(), bitmap.height(), wire::limits::IMAGE_SIDE);
    if width <= side && height <= side {
        return Ok((file.clone().into(), file.type_()));
    }
    let scale = f64::from(side) / f64::from(width.max(height));
    let (w, h) = ((f64::from(width) * scale).round().max(1.0), (f64::from(height) * scale).round().max(1.0));
    let canvas: web_sys::HtmlCanvasElement = window.document().ok_or("no document")?.create_element("canvas").map_err(unreadable)?.unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").map_err(unreadable)?.ok_or("no canvas")?.unchecked_into();
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h).map_err(unreadable)?;
    let kind = if file.type_() == "image/jpeg" { "image/jpeg" } else { "image/png" };
    let made = js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob_with_type(&resolve, kind);
    });
    Ok((JsFuture::from(made).await.map_err(unreadable)?.unchecked_into(), kind.to_string()))
}

#[derive(Properties, PartialEq)]
pub struct ExternalImagesProps {
    pub ui: Ui,
    /// The preview: the body as published.
    pub html: AttrValue,
}

/// The body's images that are not the help host's own, flagged.
#[function_component]
pub fn ExternalImages(props: &ExternalImagesProps) -> Html {
    let own = web_sys::window().and_then(|w| w.location().origin().ok()).map(|origin| format!("{origin}/kb-images/")).unwrap_or_default();
    let external: Vec<String> = faq_data::render::image_sources(&props.html).into_iter().filter(|src| !src.starts_with(&own)).collect();
    if external.is_empty() {
        return html! {};
    }
    html! {
        <div class="kb-external-images" role="note">
            <p>{ props.ui.t(Text::KbExternalImages) }</p>
            <ul>{ for external.iter().map(|src| html! { <li>{ src }</li> }) }</ul>
        </div>
    }
}
