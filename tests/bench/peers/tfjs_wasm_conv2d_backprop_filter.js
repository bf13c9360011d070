// tfjs-backend-wasm 4.22 registers no Conv2DBackpropFilter kernel, so a conv net
// cannot train on it ("Kernel 'Conv2DBackpropFilter' not registered for backend
// 'wasm'"); it is the only kernel missing for our two networks (found by training
// both and registering whatever the engine reported missing).
//
// This registers one built from the wasm backend's own kernels, so the filter
// gradient runs in wasm SIMD (XNNPACK) like the rest of the step. For stride 1 and
// no dilation, the filter gradient is itself a valid convolution:
//   dw[kh, kw, ci, co] = sum over b, oh, ow of x_padded[b, oh + kh, ow + kw, ci] * dy[b, oh, ow, co]
// i.e. a convolution of x_padded with batch and channels swapped ([ci, H, W, b]) by
// dy used as a filter ([oh, ow, b, co]), giving [ci, kh, kw, co], transposed to
// [kh, kw, ci, co].
import { getKernel, registerKernel } from '@tensorflow/tfjs';

export const shim_description =
    'Conv2DBackpropFilter registered for wasm as Transpose + PadV2 + Conv2D of the wasm backend (stride 1)';

function conv2d_backprop_filter({ inputs, backend, attrs }) {
    const { x, dy } = inputs; // x: [b, h, w, ci], dy: [b, oh, ow, co]
    const { strides, pad, dataFormat, dilations, filterShape } = attrs;
    const ones = (v) => v === undefined || v === 1 || (Array.isArray(v) && v.every((s) => s === 1));
    if (
        !ones(strides) ||
        !ones(dilations) ||
        (dataFormat ?? 'NHWC') !== 'NHWC' ||
        (pad !== 'valid' && pad !== 'same')
    ) {
        throw new Error(
            'the bench Conv2DBackpropFilter shim handles NHWC, stride 1, no dilation, valid or same padding only'
        );
    }
    const run = (name, kernel_inputs, kernel_attrs = {}) =>
        getKernel(name, 'wasm').kernelFunc({ inputs: kernel_inputs, backend, attrs: kernel_attrs });
    const temporaries = [];
    const keep = (info) => {
        temporaries.push(info);
        return info;
    };
    const [kernel_h, kernel_w] = filterShape;
    let x_padded = x;
    if (pad === 'same') {
        // TensorFlow's 'same': total padding kernel - 1, the smaller half before.
        const before_h = Math.floor((kernel_h - 1) / 2);
        const before_w = Math.floor((kernel_w - 1) / 2);
        x_padded = keep(
            run(
                'PadV2',
                { x },
                {
                    paddings: [
                        [0, 0],
                        [before_h, kernel_h - 1 - before_h],
                        [before_w, kernel_w - 1 - before_w],
                        [0, 0],
                    ],
                    constantValue: 0,
                }
            )
        );
    }
    const x_swapped = keep(run('Transpose', { x: x_padded }, { perm: [3, 1, 2, 0] })); // [ci, hp, wp, b]
    const dy_filter = keep(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] })); // [oh, ow, b, co]
    const dw_swapped = keep(
        run(
            'Conv2D',
            { x: x_swapped, filter: dy_filter },
            {
                strides: [1, 1],
                pad: 'valid',
                dataFormat: 'NHWC',
                dilations: [1, 1],
            }
        )
    ); // [ci, kh, kw, co]
    const dw = run('Transpose', { x: dw_swapped }, { perm: [1, 2, 0, 3] }); // [kh, kw, ci, co]
    for (const info of temporaries) backend.disposeData(info.dataId);
    return dw;
}

export function register_conv2d_backprop_filter_shim() {
    registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2d_backprop_filter });
}
