package io.storesight.camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A minimal H.265/HEVC encoder for test media, because the LGPL ffmpeg packaged with camera-ingest has no software
 * HEVC encoder (libx265 is GPL; its HEVC encoders all need GPU hardware). Every 32×32 coding unit is coded as PCM, the
 * standard's raw-sample mode, so no transform, prediction or rate control is needed, and every picture is an IDR
 * picture: a real Main-profile Annex B byte stream (VPS, SPS, PPS, slices) that any HEVC decoder, ffmpeg's
 * included, decodes to exactly the input pixels. It is large (the raw 4:2:0 size), which suits a short test clip.
 * <p>
 * Each coding tree unit is its own slice, so that CABAC starts from its initial state every time and only two
 * arithmetic-coded bins occur: {@code part_mode} = 2N×2N (the most probable symbol of a fresh context) and the
 * terminating {@code pcm_flag} / {@code end_of_slice_segment_flag}.
 */
public final class HevcPcmWriter {
    private static final int CTB_LOG2 = 5;
    private static final int CTB = 1 << CTB_LOG2;
    private static final int NAL_VPS = 32;
    private static final int NAL_SPS = 33;
    private static final int NAL_PPS = 34;
    private static final int NAL_IDR_N_LP = 20;

    private final int width;
    private final int height;
    private final OutputStream out;
    private final int addressBits;

    /** Width and height must be multiples of 32. */
    public HevcPcmWriter(int width, int height, OutputStream out) {
        if (width % CTB != 0 || height % CTB != 0) {
            throw new IllegalArgumentException("width and height must be multiples of " + CTB);
        }
        this.width = width;
        this.height = height;
        this.out = out;
        int ctus = (width / CTB) * (height / CTB);
        this.addressBits = 32 - Integer.numberOfLeadingZeros(ctus - 1);
    }

    /** Encodes every yuv420p frame of {@code rawFrames} (as {@code ffmpeg -f rawvideo -pix_fmt yuv420p} writes). */
    public int writeAll(InputStream rawFrames) throws IOException {
        byte[] frame = new byte[width * height * 3 / 2];
        int frames = 0;
        while (rawFrames.readNBytes(frame, 0, frame.length) == frame.length) {
            writeFrame(frame);
            frames++;
        }
        return frames;
    }

    /** One yuv420p picture: parameter sets (so that a decoder may start at any picture), then one slice per CTU. */
    public void writeFrame(byte[] yuv) throws IOException {
        nal(NAL_VPS, vps());
        nal(NAL_SPS, sps());
        nal(NAL_PPS, pps());
        int columns = width / CTB;
        int ctus = columns * (height / CTB);
        for (int address = 0; address < ctus; address++) {
            nal(NAL_IDR_N_LP, slice(yuv, address, address % columns * CTB, address / columns * CTB));
        }
    }

    private static void profileTierLevel(Bits b) {
        b.u(0, 2); // general_profile_space
        b.u(0, 1); // general_tier_flag: Main tier
        b.u(1, 5); // general_profile_idc: Main
        b.u(0x60000000L, 32); // compatible with Main and Main 10
        b.u(1, 1); // progressive_source
        b.u(0, 1); // interlaced_source
        b.u(0, 1); // non_packed_constraint
        b.u(1, 1); // frame_only_constraint
        b.u(0, 32); // 43 reserved bits and general_inbld_flag: 44 zero bits
        b.u(0, 12);
        b.u(93, 8); // general_level_idc: 3.1
    }

    private static byte[] vps() {
        Bits b = new Bits();
        b.u(0, 4); // vps_video_parameter_set_id
        b.u(1, 1); // vps_base_layer_internal_flag
        b.u(1, 1); // vps_base_layer_available_flag
        b.u(0, 6); // vps_max_layers_minus1
        b.u(0, 3); // vps_max_sub_layers_minus1
        b.u(1, 1); // vps_temporal_id_nesting_flag
        b.u(0xFFFF, 16);
        profileTierLevel(b);
        b.u(1, 1); // vps_sub_layer_ordering_info_present_flag
        b.ue(0); // vps_max_dec_pic_buffering_minus1
        b.ue(0); // vps_max_num_reorder_pics
        b.ue(0); // vps_max_latency_increase_plus1
        b.u(0, 6); // vps_max_layer_id
        b.ue(0); // vps_num_layer_sets_minus1
        b.u(0, 1); // vps_timing_info_present_flag
        b.u(0, 1); // vps_extension_flag
        return b.trailingBits();
    }

    private byte[] sps() {
        Bits b = new Bits();
        b.u(0, 4); // sps_video_parameter_set_id
        b.u(0, 3); // sps_max_sub_layers_minus1
        b.u(1, 1); // sps_temporal_id_nesting_flag
        profileTierLevel(b);
        b.ue(0); // sps_seq_parameter_set_id
        b.ue(1); // chroma_format_idc: 4:2:0
        b.ue(width);
        b.ue(height);
        b.u(0, 1); // conformance_window_flag
        b.ue(0); // bit_depth_luma_minus8
        b.ue(0); // bit_depth_chroma_minus8
        b.ue(4); // log2_max_pic_order_cnt_lsb_minus4
        b.u(1, 1); // sps_sub_layer_ordering_info_present_flag
        b.ue(0);
        b.ue(0);
        b.ue(0);
        b.ue(CTB_LOG2 - 3); // log2_min_luma_coding_block_size_minus3: coding blocks are CTB-sized
        b.ue(0); // log2_diff_max_min_luma_coding_block_size
        b.ue(0); // log2_min_luma_transform_block_size_minus2
        b.ue(CTB_LOG2 - 2); // log2_diff_max_min_luma_transform_block_size
        b.ue(0); // max_transform_hierarchy_depth_inter
        b.ue(0); // max_transform_hierarchy_depth_intra
        b.u(0, 1); // scaling_list_enabled_flag
        b.u(0, 1); // amp_enabled_flag
        b.u(0, 1); // sample_adaptive_offset_enabled_flag
        b.u(1, 1); // pcm_enabled_flag
        b.u(7, 4); // pcm_sample_bit_depth_luma_minus1
        b.u(7, 4); // pcm_sample_bit_depth_chroma_minus1
        b.ue(CTB_LOG2 - 3); // log2_min_pcm_luma_coding_block_size_minus3
        b.ue(0); // log2_diff_max_min_pcm_luma_coding_block_size
        b.u(1, 1); // pcm_loop_filter_disabled_flag
        b.ue(0); // num_short_term_ref_pic_sets
        b.u(0, 1); // long_term_ref_pics_present_flag
        b.u(0, 1); // sps_temporal_mvp_enabled_flag
        b.u(0, 1); // strong_intra_smoothing_enabled_flag
        b.u(0, 1); // vui_parameters_present_flag
        b.u(0, 1); // sps_extension_present_flag
        return b.trailingBits();
    }

    private static byte[] pps() {
        Bits b = new Bits();
        b.ue(0); // pps_pic_parameter_set_id
        b.ue(0); // pps_seq_parameter_set_id
        b.u(0, 1); // dependent_slice_segments_enabled_flag
        b.u(0, 1); // output_flag_present_flag
        b.u(0, 3); // num_extra_slice_header_bits
        b.u(0, 1); // sign_data_hiding_enabled_flag
        b.u(0, 1); // cabac_init_present_flag
        b.ue(0); // num_ref_idx_l0_default_active_minus1
        b.ue(0); // num_ref_idx_l1_default_active_minus1
        b.se(0); // init_qp_minus26
        b.u(0, 1); // constrained_intra_pred_flag
        b.u(0, 1); // transform_skip_enabled_flag
        b.u(0, 1); // cu_qp_delta_enabled_flag
        b.se(0); // pps_cb_qp_offset
        b.se(0); // pps_cr_qp_offset
        b.u(0, 1); // pps_slice_chroma_qp_offsets_present_flag
        b.u(0, 1); // weighted_pred_flag
        b.u(0, 1); // weighted_bipred_flag
        b.u(0, 1); // transquant_bypass_enabled_flag
        b.u(0, 1); // tiles_enabled_flag
        b.u(0, 1); // entropy_coding_sync_enabled_flag
        b.u(0, 1); // pps_loop_filter_across_slices_enabled_flag
        b.u(1, 1); // deblocking_filter_control_present_flag
        b.u(0, 1); // deblocking_filter_override_enabled_flag
        b.u(1, 1); // pps_deblocking_filter_disabled_flag
        b.u(0, 1); // pps_scaling_list_data_present_flag
        b.u(0, 1); // lists_modification_present_flag
        b.ue(0); // log2_parallel_merge_level_minus2
        b.u(0, 1); // slice_segment_header_extension_present_flag
        b.u(0, 1); // pps_extension_present_flag
        return b.trailingBits();
    }

    private byte[] slice(byte[] yuv, int address, int x0, int y0) {
        Bits b = new Bits();
        b.u(address == 0 ? 1 : 0, 1); // first_slice_segment_in_pic_flag
        b.u(0, 1); // no_output_of_prior_pics_flag
        b.ue(0); // slice_pic_parameter_set_id
        if (address > 0) {
            b.u(address, addressBits); // slice_segment_address
        }
        b.ue(2); // slice_type: I
        b.se(0); // slice_qp_delta
        b.u(1, 1); // byte_alignment(): one, then zeros
        b.align();

        Cabac cabac = new Cabac(b);
        // part_mode = PART_2Nx2N is bin 1, the most probable symbol of the fresh context (init value 184 at QP 26:
        // state 0, MPS 1), whose LPS range at a full interval (qRangeIdx 3) is 240.
        cabac.encodeMostProbable(240);
        cabac.encodeTerminate(true); // pcm_flag
        b.align(); // pcm_alignment_zero_bits
        int chromaWidth = width / 2;
        int chromaHeight = height / 2;
        for (int y = 0; y < CTB; y++) {
            for (int x = 0; x < CTB; x++) {
                b.u(yuv[(y0 + y) * width + x0 + x] & 0xFF, 8);
            }
        }
        int cb = width * height;
        int cr = cb + chromaWidth * chromaHeight;
        for (int plane : new int[] {cb, cr}) {
            for (int y = 0; y < CTB / 2; y++) {
                for (int x = 0; x < CTB / 2; x++) {
                    b.u(yuv[plane + (y0 / 2 + y) * chromaWidth + x0 / 2 + x] & 0xFF, 8);
                }
            }
        }
        cabac = new Cabac(b); // the arithmetic coder starts afresh after PCM samples
        cabac.encodeTerminate(true); // end_of_slice_segment_flag; its last bit is the rbsp_stop_one_bit
        b.align();
        return b.toBytes();
    }

    /** A NAL unit: start code, two-byte header, payload with emulation prevention. */
    private void nal(int type, byte[] payload) throws IOException {
        ByteArrayOutputStream nal = new ByteArrayOutputStream(payload.length + 16);
        nal.write(new byte[] {0, 0, 0, 1, (byte) (type << 1), 1});
        int zeros = 0;
        for (byte value : payload) {
            if (zeros == 2 && (value & 0xFF) <= 3) {
                nal.write(3);
                zeros = 0;
            }
            nal.write(value);
            zeros = value == 0 ? zeros + 1 : 0;
        }
        out.write(nal.toByteArray());
    }

    /** A big-endian bit writer with Exp-Golomb codes. */
    private static final class Bits {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int count;

        void u(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                bit((int) (value >>> i) & 1);
            }
        }

        void bit(int bit) {
            current = current << 1 | bit;
            if (++count == 8) {
                bytes.write(current);
                current = 0;
                count = 0;
            }
        }

        void ue(int value) {
            int code = value + 1;
            int length = 32 - Integer.numberOfLeadingZeros(code);
            u(0, length - 1);
            u(code, length);
        }

        void se(int value) {
            ue(value <= 0 ? -2 * value : 2 * value - 1);
        }

        void align() {
            while (count != 0) {
                bit(0);
            }
        }

        byte[] trailingBits() {
            bit(1);
            align();
            return bytes.toByteArray();
        }

        byte[] toBytes() {
            if (count != 0) {
                throw new IllegalStateException("not byte aligned");
            }
            return bytes.toByteArray();
        }
    }

    /** The CABAC arithmetic encoder of H.265 9.3.4.3 (ivlLow, ivlCurrRange, bitsOutstanding, firstBitFlag). */
    private static final class Cabac {
        private final Bits out;
        private int low;
        private int range = 510;
        private int outstanding;
        private boolean firstBit = true;

        Cabac(Bits out) {
            this.out = out;
        }

        void encodeMostProbable(int lpsRange) {
            range -= lpsRange;
            renormalize();
        }

        void encodeTerminate(boolean one) {
            range -= 2;
            if (one) {
                low += range;
                range = 2;
                renormalize();
                put((low >> 9) & 1);
                out.u(((low >> 7) & 3) | 1, 2);
            } else {
                renormalize();
            }
        }

        private void renormalize() {
            while (range < 256) {
                if (low < 256) {
                    put(0);
                } else if (low >= 512) {
                    low -= 512;
                    put(1);
                } else {
                    low -= 256;
                    outstanding++;
                }
                range <<= 1;
                low <<= 1;
            }
        }

        private void put(int bit) {
            if (firstBit) {
                firstBit = false;
            } else {
                out.bit(bit);
            }
            for (; outstanding > 0; outstanding--) {
                out.bit(1 - bit);
            }
        }
    }
}
