#!/usr/bin/env bash
# Seeds for the inbound fuzz target: a new request, an answer to a notice with quoted history
# and a signature, an HTML-only mail, a multipart mail with an attachment, an automatic reply,
# and a mail with encoded words.
set -euo pipefail
corpus="$(cd "$(dirname "$0")" && pwd)/corpus/inbound"
mkdir -p "$corpus"
crlf() { sed 's/$/\r/'; }
crlf > "$corpus/new-request.eml" <<'MAIL'
From: =?UTF-8?B?5p6X?= <lin@example.com>
To: support@galaxy-video.test
Subject: =?UTF-8?B?6KeG6aKR5LiA55u057yT5Yay?=
Message-ID: <a1@example.com>
Content-Type: text/plain; charset=utf-8

昨晚开始所有视频都卡在 99%

发自我的iPhone
MAIL
crlf > "$corpus/answer.eml" <<'MAIL'
From: Lin <lin@example.com>
To: support+0123456789abcdef0123456789abcdef.00112233445566778899@galaxy-video.test
Subject: Re: [Galaxy Video] New reply to your request #12
Message-ID: <a2@example.com>
In-Reply-To: <m.fedcba9876543210fedcba9876543210@galaxy-video.test>
References: <t.0123456789abcdef0123456789abcdef@galaxy-video.test> <m.fedcba9876543210fedcba9876543210@galaxy-video.test>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Cleared the cache, still buffering=2E
--=20
Lin

On Mon, 7 Dec 2026 at 10:00, Galaxy Video <support@galaxy-video.test> wrote:
> Please clear the cache.
MAIL
crlf > "$corpus/html.eml" <<'MAIL'
From: lin@example.com
To: support@galaxy-video.test
Subject: html
Message-ID: <a3@example.com>
Content-Type: text/html; charset=utf-8

<html><body><p>Hello <b>there</b></p><blockquote>old</blockquote><script>x()</script></body></html>
MAIL
crlf > "$corpus/multipart.eml" <<'MAIL'
From: lin@example.com
To: support@galaxy-video.test
Subject: screenshot
Message-ID: <a4@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: multipart/alternative; boundary="b2"

--b2
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

6KeG6aKR5Y2h5L2P5LqG
--b2
Content-Type: text/html; charset=utf-8

<p>视频卡住了</p>
--b2--
--b1
Content-Type: image/png; name="a.png"
Content-Disposition: attachment; filename="a.png"
Content-Transfer-Encoding: base64

iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
--b1--
MAIL
crlf > "$corpus/auto-reply.eml" <<'MAIL'
From: lin@example.com
To: support@galaxy-video.test
Subject: Automatic reply: out of office
Auto-Submitted: auto-replied
Precedence: auto_reply
Message-ID: <a5@example.com>

I am away.
MAIL
echo "seeds in $corpus"
