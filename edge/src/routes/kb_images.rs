//! Articles' images: an editor uploads one (`POST /api/v1/kb/images`, the image as the body,
//! audited), checked by `kb::image` (its kind by its bytes, its size, its dimensions), stored in
//! R2 by content; anyone reads it at `/kb-images/<name>` from the help host, immutable.

use kb::image::{check_image, ImageKind};
use wire::kb::UploadedImage;
use wire::limits::IMAGE_BYTES;
use wire::team::AuditAction;
use worker::{Headers, Request, Response, RouteContext};

use crate::api::caller::Agent;
use crate::api::{reply, upload as body, ApiError, Call};
use crate::help_center::images;
use crate::store::audit::{self, Actor};

/// `POST /api/v1/kb/images`: 201 with the image's address, to put in an article.
pub async fn upload(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let bytes = body(&mut req, IMAGE_BYTES).await?;
    let info = check_image(&bytes)?;
    let size = bytes.len();
    let name = images::store(&call.env, bytes, info).await?;
    let origin = crate::mail::public_origin(&call.env)?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("bytes", size.to_string()), ("size", format!("{}x{}", info.width, info.height))]);
    audit::record(&call.db, &actor, call.now, AuditAction::ImageUploaded, Some(&name), &detail)?.run().await?;
    let url = format!("{origin}/kb-images/{name}");
    reply(201, &UploadedImage { url, name, width: info.width, height: info.height, bytes: size as i64 })
}

/// `GET /kb-images/<name>`: the image, immutable, as its kind.
pub async fn serve(_req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    let name = ctx.param("name").cloned().unwrap_or_default();
    Ok(async {
        let kind = name.rsplit_once('.').filter(|(hash, _)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit())).and_then(|(_, ext)| ImageKind::from_extension(ext));
        let kind = kind.ok_or(ApiError::NotFound("no such image"))?;
        let bytes = images::read(&ctx.env, &name).await?.ok_or(ApiError::NotFound("no such image"))?;
        let headers = Headers::new();
        headers.set("content-type", kind.mime())?;
        headers.set("cache-control", crate::help_center::IMMUTABLE)?;
        headers.set("x-content-type-options", "nosniff")?;
        // Shown in widgets on any host page.
        headers.set("access-control-allow-origin", "*")?;
        headers.set("cross-origin-resource-policy", "cross-origin")?;
        Ok(Response::from_bytes(bytes)?.with_headers(headers))
    }
    .await
    .unwrap_or_else(ApiError::into_response))
}
