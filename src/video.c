/*
 * video.c - videos of the window's layout through FFmpeg's libraries (see
 * video.h): an encoder writing into an OutFile's temporary through a
 * custom AVIOContext (so a full disk, a signal or a failure leaves no
 * half-written video: outfile.h). Headless --video's driver, which draws
 * the frames with the window's code, is videorun.c (the window uses this
 * encoder for its O key: one direction, no circle).
 */
#define _POSIX_C_SOURCE 200809L
#include "video.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

#include "app.h"
#include "pngio.h"

#define IO_BUF 65536

int64_t video_instant(int64_t k, int speed_ms, int fps)
{
    return k * (int64_t)speed_ms / fps;
}

struct Video {
    OutFile f;
    int format;                     /* CLI_VIDEO_* */
    int width, height, fps;
    int64_t frames;
    char encoder[64];
    int io_error;                   /* errno of the first failed write or seek */
    /* .png: the last frame, written at the end */
    uint8_t *last;
    AppMeta *meta;
    /* the others */
    AVFormatContext *oc;
    AVIOContext *io;
    AVCodecContext *cc;
    AVStream *st;
    AVFrame *frame;
    AVPacket *pkt;
    struct SwsContext *sws;
    int header_written;
};

static void av_msg(char *err, size_t errlen, const char *path, const char *what, int rc)
{
    char e[AV_ERROR_MAX_STRING_SIZE];
    av_strerror(rc, e, sizeof e);
    snprintf(err, errlen, "%s: %s: %s", path, what, e);
}

/* The AVIOContext's ends: the OutFile's FILE *. */
/* (libavformat 61 made buf const; 59 and 60 did not) */
#if LIBAVFORMAT_VERSION_MAJOR >= 61
static int io_write(void *opaque, const uint8_t *buf, int n)
#else
static int io_write(void *opaque, uint8_t *buf, int n)
#endif
{
    Video *v = opaque;
    if (v->io_error) return AVERROR(v->io_error);
    if (fwrite(buf, 1, (size_t)n, v->f.fp) != (size_t)n || fflush(v->f.fp) != 0) {
        v->io_error = errno ? errno : EIO;
        return AVERROR(v->io_error);
    }
    return n;
}

static int64_t io_seek(void *opaque, int64_t offset, int whence)
{
    Video *v = opaque;
    if (whence & AVSEEK_SIZE) {
        off_t here = ftello(v->f.fp);
        if (here < 0 || fseeko(v->f.fp, 0, SEEK_END) != 0) return AVERROR(errno ? errno : EIO);
        off_t size = ftello(v->f.fp);
        if (fseeko(v->f.fp, here, SEEK_SET) != 0) return AVERROR(errno ? errno : EIO);
        return size;
    }
    if (fseeko(v->f.fp, (off_t)offset, whence & ~AVSEEK_FORCE) != 0) {
        if (!v->io_error) v->io_error = errno ? errno : EIO;
        return AVERROR(v->io_error);
    }
    return ftello(v->f.fp);
}

/* The encoder for the format: the first this libavcodec has. */
static const AVCodec *pick_encoder(int format, enum AVPixelFormat *pix, char *name, size_t len)
{
    static const struct { int format; const char *name, *what; enum AVPixelFormat pix; } table[] = {
        /* 4:4:4: the raster's one-pixel dots keep their colour (4:2:0 halves
         * it: ~33 dB at best, measured); full range: no levels lost */
        { CLI_VIDEO_MP4, "libx264", "H.264 4:4:4", AV_PIX_FMT_YUV444P },
        { CLI_VIDEO_MP4, "h264", "H.264 4:4:4", AV_PIX_FMT_YUV444P },
        { CLI_VIDEO_WEBM, "libvpx-vp9", "VP9 4:4:4", AV_PIX_FMT_YUV444P },
        { CLI_VIDEO_MKV, "ffv1", "FFV1, lossless", AV_PIX_FMT_BGR0 },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].format != format) continue;
        const AVCodec *c = avcodec_find_encoder_by_name(table[i].name);
        if (!c) continue;
        *pix = table[i].pix;
        snprintf(name, len, "%s (%s)", table[i].name, table[i].what);
        return c;
    }
    return NULL;
}

static int open_av(Video *v, const char *path, const char *const *keys, const char *const *values, int n,
                   char *err, size_t errlen)
{
    static const char *const muxer[] = { NULL, "mp4", "webm", "matroska" };
    enum AVPixelFormat pix = AV_PIX_FMT_NONE;
    const AVCodec *codec = pick_encoder(v->format, &pix, v->encoder, sizeof v->encoder);
    if (!codec) {
        snprintf(err, errlen, "%s: this FFmpeg (libavcodec %s) has no encoder for %s", path, av_version_info(),
                 strrchr(path, '.'));
        return -1;
    }
    int rc = avformat_alloc_output_context2(&v->oc, NULL, muxer[v->format], NULL);
    if (rc < 0 || !v->oc) { av_msg(err, errlen, path, "the container", rc); return -1; }
    uint8_t *buf = av_malloc(IO_BUF);
    if (!buf || !(v->io = avio_alloc_context(buf, IO_BUF, 1, v, NULL, io_write, io_seek))) {
        av_free(buf);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    v->oc->pb = v->io;
    v->oc->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (!(v->st = avformat_new_stream(v->oc, NULL)) || !(v->cc = avcodec_alloc_context3(codec))) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    v->cc->width = v->width;
    v->cc->height = v->height;
    v->cc->pix_fmt = pix;
    v->cc->time_base = (AVRational){ 1, v->fps };
    v->cc->framerate = (AVRational){ v->fps, 1 };
    v->cc->gop_size = v->fps * 2;
    if (pix == AV_PIX_FMT_YUV444P) {
        v->cc->color_range = AVCOL_RANGE_JPEG;
        v->cc->colorspace = AVCOL_SPC_BT470BG;      /* what sws converts with (its default, BT.601) */
        v->cc->color_primaries = AVCOL_PRI_BT709;
        v->cc->color_trc = AVCOL_TRC_IEC61966_2_1;  /* sRGB */
    }
    if (v->oc->oformat->flags & AVFMT_GLOBALHEADER) v->cc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    AVDictionary *opt = NULL;
    if (v->format == CLI_VIDEO_MP4) {
        /* a plot's thin lines and small dots: a low CRF keeps them (PSNR >= 40 dB, tests;
         * ~44 dB at 1280x800); ultrafast: half superfast's CPU time for the same PSNR
         * (larger files, ~3 MB a second), for >= 2x real time on 2 cores (make bench) */
        av_dict_set(&opt, "preset", "ultrafast", 0);
        av_dict_set(&opt, "crf", "12", 0);
    } else if (v->format == CLI_VIDEO_WEBM) {
        av_dict_set(&opt, "deadline", "realtime", 0);
        av_dict_set(&opt, "cpu-used", "8", 0);
        av_dict_set(&opt, "row-mt", "1", 0);
        av_dict_set(&opt, "crf", "12", 0);
        v->cc->bit_rate = 0;
    } else {
        av_dict_set(&opt, "level", "3", 0);
        av_dict_set(&opt, "slices", "4", 0);
        av_dict_set(&opt, "slicecrc", "1", 0);
        v->cc->thread_count = 0;
    }
    rc = avcodec_open2(v->cc, codec, &opt);
    av_dict_free(&opt);
    if (rc < 0) { av_msg(err, errlen, path, "the encoder", rc); return -1; }
    if ((rc = avcodec_parameters_from_context(v->st->codecpar, v->cc)) < 0) {
        av_msg(err, errlen, path, "the stream", rc);
        return -1;
    }
    v->st->time_base = v->cc->time_base;
    for (int i = 0; i < n; i++) av_dict_set(&v->oc->metadata, keys[i], values[i], 0);
    av_dict_set(&v->oc->metadata, "video_encoder", v->encoder, 0);
    AVDictionary *mux = NULL;
    /* MP4 keeps only its own few tags unless told to keep ours */
    if (v->format == CLI_VIDEO_MP4) av_dict_set(&mux, "movflags", "use_metadata_tags", 0);
    rc = avformat_write_header(v->oc, &mux);
    av_dict_free(&mux);
    if (rc < 0) {
        av_msg(err, errlen, path, "writing the header", v->io_error ? AVERROR(v->io_error) : rc);
        return -1;
    }
    v->header_written = 1;
    v->frame = av_frame_alloc();
    v->pkt = av_packet_alloc();
    if (!v->frame || !v->pkt) { snprintf(err, errlen, "%s: out of memory", path); return -1; }
    v->frame->format = pix;
    v->frame->width = v->width;
    v->frame->height = v->height;
    if ((rc = av_frame_get_buffer(v->frame, 0)) < 0) { av_msg(err, errlen, path, "a frame", rc); return -1; }
    /* R, G, B, A bytes to the encoder's: a rearrangement for FFV1 (lossless), YUV 4:2:0 for the others */
    v->sws = sws_getContext(v->width, v->height, AV_PIX_FMT_RGBA, v->width, v->height, pix,
                            SWS_POINT, NULL, NULL, NULL);
    if (!v->sws) { snprintf(err, errlen, "%s: cannot convert the pixels for %s", path, v->encoder); return -1; }
    if (pix == AV_PIX_FMT_YUV444P) {
        const int *m = sws_getCoefficients(SWS_CS_ITU601);
        sws_setColorspaceDetails(v->sws, m, 1, m, 1, 0, 1 << 16, 1 << 16);   /* full range out */
    }
    return 0;
}

/* The Video of f (opened): the encoder, the header. */
static Video *start(OutFile *f, int width, int height, int fps, const char *const *keys, const char *const *values,
                    int n, char *err, size_t errlen)
{
    Video *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", f->path);
        outfile_abort(f);
        return NULL;
    }
    v->f = *f;
    memset(f, 0, sizeof *f);
    v->format = cli_video_format(v->f.path);
    v->width = width;
    v->height = height;
    v->fps = fps;
    if (v->format == CLI_VIDEO_NONE) {
        snprintf(err, errlen, "%s: not a video name (.mp4, .webm, .mkv, .png)", v->f.path);
        video_close(v);
        return NULL;
    }
    if (v->format == CLI_VIDEO_PNG) {
        snprintf(v->encoder, sizeof v->encoder, "PNG");
        v->last = malloc((size_t)width * height * 4);
        v->meta = malloc(sizeof *v->meta);
        if (!v->last || !v->meta) {
            snprintf(err, errlen, "%s: out of memory", v->f.path);
            video_close(v);
            return NULL;
        }
        v->meta->n = 0;
        v->meta->at = 0;
        for (int i = 0; i < n; i++) app_meta_add(v->meta, keys[i], "%s", values[i]);
        app_meta_add(v->meta, "video_encoder", "%s", v->encoder);
        return v;
    }
    av_log_set_level(AV_LOG_ERROR);
    if (open_av(v, v->f.path, keys, values, n, err, errlen) != 0) {
        video_close(v);
        return NULL;
    }
    return v;
}

Video *video_open(const char *path, int force, int width, int height, int fps, const char *const *keys,
                  const char *const *values, int n, char *err, size_t errlen)
{
    OutFile f;
    if (outfile_open(&f, path, force, err, errlen) != 0) return NULL;
    return start(&f, width, height, fps, keys, values, n, err, errlen);
}

Video *video_open_file(OutFile *f, int width, int height, int fps, const char *const *keys, const char *const *values,
                       int n, char *err, size_t errlen)
{
    return start(f, width, height, fps, keys, values, n, err, errlen);
}

/* Hands the encoder's packets to the container; frame NULL drains it. */
static int encode(Video *v, AVFrame *frame, char *err, size_t errlen)
{
    int rc = avcodec_send_frame(v->cc, frame);
    if (rc < 0) { av_msg(err, errlen, v->f.path, "encoding", rc); return -1; }
    for (;;) {
        rc = avcodec_receive_packet(v->cc, v->pkt);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return 0;
        if (rc < 0) { av_msg(err, errlen, v->f.path, "encoding", rc); return -1; }
        if (v->pkt->duration <= 0) v->pkt->duration = 1;   /* one frame: the last one's too */
        av_packet_rescale_ts(v->pkt, v->cc->time_base, v->st->time_base);
        v->pkt->stream_index = v->st->index;
        rc = av_interleaved_write_frame(v->oc, v->pkt);
        if (rc < 0 || v->io_error) {
            av_msg(err, errlen, v->f.path, "writing", v->io_error ? AVERROR(v->io_error) : rc);
            return -1;
        }
    }
}

int video_add(Video *v, const uint8_t *rgba, int pitch, char *err, size_t errlen)
{
    if (v->format == CLI_VIDEO_PNG) {
        for (int y = 0; y < v->height; y++) memcpy(v->last + (size_t)y * v->width * 4, rgba + (size_t)y * pitch,
                                                   (size_t)v->width * 4);
        v->frames++;
        return 0;
    }
    int rc = av_frame_make_writable(v->frame);
    if (rc < 0) { av_msg(err, errlen, v->f.path, "a frame", rc); return -1; }
    const uint8_t *src[1] = { rgba };
    const int stride[1] = { pitch };
    sws_scale(v->sws, src, stride, 0, v->height, v->frame->data, v->frame->linesize);
    v->frame->pts = v->frames;
    if (encode(v, v->frame, err, errlen) != 0) return -1;
    v->frames++;
    return 0;
}

int video_finish(Video *v, char *err, size_t errlen)
{
    if (v->format == CLI_VIDEO_PNG) {
        if (v->frames == 0) { snprintf(err, errlen, "%s: no frame drawn", v->f.path); return -1; }
        return pngio_write(v->f.fp, v->last, v->width, v->height, v->width * 4, v->meta->keys,
                           (const char *const *)v->meta->values, v->meta->n, err, errlen);
    }
    if (encode(v, NULL, err, errlen) != 0) return -1;
    int rc = av_write_trailer(v->oc);
    if (rc < 0 || v->io_error) {
        av_msg(err, errlen, v->f.path, "writing the end", v->io_error ? AVERROR(v->io_error) : rc);
        return -1;
    }
    v->header_written = 0;
    avio_flush(v->io);
    if (v->io_error) { av_msg(err, errlen, v->f.path, "writing", AVERROR(v->io_error)); return -1; }
    return 0;
}

OutFile *video_file(Video *v) { return &v->f; }
const char *video_encoder(const Video *v) { return v->encoder; }
int64_t video_frames(const Video *v) { return v->frames; }

void video_close(Video *v)
{
    if (!v) return;
    sws_freeContext(v->sws);
    av_frame_free(&v->frame);
    av_packet_free(&v->pkt);
    avcodec_free_context(&v->cc);
    if (v->io) {
        av_freep(&v->io->buffer);
        avio_context_free(&v->io);
    }
    if (v->oc) avformat_free_context(v->oc);
    free(v->last);
    free(v->meta);
    outfile_abort(&v->f);
    free(v);
}
