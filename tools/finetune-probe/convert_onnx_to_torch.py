# Loads the fp32 ONNX export of bge-small-zh (v1) into a transformers BertModel (weights only; the MatMul
# initialisers are matched to their layers through the bias each MatMul output is added to) and saves its state dict.
import onnx, torch, numpy as np
from onnx import numpy_helper
from transformers import BertConfig, BertModel
m=onnx.load('/tmp/ft/m/bge-small-zh.onnx')
init={i.name:numpy_helper.to_array(i) for i in m.graph.initializer}
cons={}
for n in m.graph.node:
    for x in n.input: cons.setdefault(x,[]).append(n)
sd={}
for k,v in init.items():
    if not k.startswith('onnx::'): sd[k]=torch.tensor(v)
for n in m.graph.node:
    if n.op_type=='MatMul' and n.input[1].startswith('onnx::MatMul'):
        w=init[n.input[1]]
        add=[c for c in cons[n.output[0]] if c.op_type=='Add'][0]
        b=[x for x in add.input if x!=n.output[0]][0]
        assert b.endswith('.bias'),b
        sd[b[:-5]+'.weight']=torch.tensor(w.T.copy())
cfg=BertConfig(vocab_size=21128,hidden_size=512,num_hidden_layers=4,num_attention_heads=8,intermediate_size=2048,max_position_embeddings=512,type_vocab_size=2,hidden_act='gelu',layer_norm_eps=1e-12)
model=BertModel(cfg,add_pooling_layer=False)
missing,unexp=model.load_state_dict(sd,strict=False)
print('missing',missing,'unexpected',unexp)
model.eval()
# compare with onnxruntime? use torch vs onnx via onnx reference is slow; check via ort if installed
from transformers import PreTrainedTokenizerFast
tok=PreTrainedTokenizerFast(tokenizer_file='/tmp/ft/m/bge-small-zh-tokenizer.json',pad_token='[PAD]',cls_token='[CLS]',sep_token='[SEP]',unk_token='[UNK]')
enc=tok(['我的快递到哪了','明天北京天气怎么样'],return_tensors='pt',padding=True)
with torch.no_grad(): out=model(**enc).last_hidden_state[:,0]
print(enc['input_ids'])
torch.save(model.state_dict(),'/tmp/ft/bge_zh.pt')
np.save('/tmp/ft/check.npy',out.numpy())
