# SMP2017 train -> val: fine-tunes bge-small-zh (mode full | last | frozen) with a linear head on the CLS vector,
# prints val accuracy per epoch and the training time, then val accuracy of a logistic regression on char 1-3-gram
# tf-idf + 2 x the unit CLS vector (a stand-in for the product's lexical + embedding softmax). Usage: MODE EPOCHS LR SEED
import json,sys,time,random,torch,numpy as np
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast
torch.set_num_threads(2); torch.manual_seed(int(sys.argv[4]) if len(sys.argv)>4 else 0); random.seed(0)
mode=sys.argv[1]; epochs=int(sys.argv[2]); lr=float(sys.argv[3])
import os; D=os.environ.get('DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/datasets'))+'/smp2017_ecdt_task1/'
tr=[json.loads(l) for l in open(D+'train.jsonl')]; va=[json.loads(l) for l in open(D+'val.jsonl')]
labels=sorted({x['intent'] for x in tr}); L={l:i for i,l in enumerate(labels)}
tok=PreTrainedTokenizerFast(tokenizer_file='/tmp/ft/m/bge-small-zh-tokenizer.json',pad_token='[PAD]')
cfg=BertConfig(vocab_size=21128,hidden_size=512,num_hidden_layers=4,num_attention_heads=8,intermediate_size=2048,max_position_embeddings=512,type_vocab_size=2,hidden_dropout_prob=0.1,attention_probs_dropout_prob=0.1)
enc=BertModel(cfg,add_pooling_layer=False); enc.load_state_dict(torch.load('/tmp/ft/bge_zh.pt'))
head=torch.nn.Linear(512,len(labels))
params=[{'params':head.parameters(),'lr':1e-3 if mode!='frozen' else 5e-3}]
if mode=='full': params.append({'params':enc.parameters(),'lr':lr})
elif mode=='last':
    for p in enc.parameters(): p.requires_grad=False
    for p in enc.encoder.layer[3].parameters(): p.requires_grad=True
    params.append({'params':enc.encoder.layer[3].parameters(),'lr':lr})
else:
    for p in enc.parameters(): p.requires_grad=False
opt=torch.optim.AdamW(params,weight_decay=0.01)
def batches(data,bs,shuffle):
    idx=list(range(len(data)))
    if shuffle: random.shuffle(idx)
    for i in range(0,len(idx),bs):
        b=[data[j] for j in idx[i:i+bs]]
        t=tok([x['text'] for x in b],return_tensors='pt',padding=True,truncation=True,max_length=64)
        yield t,torch.tensor([L.get(x['intent'],-1) for x in b])
steps=epochs*((len(tr)+31)//32); sched=torch.optim.lr_scheduler.LambdaLR(opt,lambda s: min(1,(s+1)/(0.1*steps))*max(0,(steps-s)/steps))
def evaluate():
    enc.eval(); ok=0
    with torch.no_grad():
        for t,y in batches(va,128,False):
            h=enc(input_ids=t['input_ids'],attention_mask=t['attention_mask']).last_hidden_state[:,0]
            ok+=(head(torch.nn.functional.normalize(h,dim=-1)*8 if mode=='frozen' else h).argmax(-1)==y).sum().item()
    return ok/len(va)
t0=time.time()
for ep in range(epochs):
    enc.train() if mode!='frozen' else enc.eval()
    for t,y in batches(tr,32,True):
        h=enc(input_ids=t['input_ids'],attention_mask=t['attention_mask']).last_hidden_state[:,0]
        logits=head(torch.nn.functional.normalize(h,dim=-1)*8 if mode=='frozen' else h)
        loss=torch.nn.functional.cross_entropy(logits,y)
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
    tt=time.time()-t0
    print(f'{mode} ep{ep+1} lr{lr} train_s={tt:.1f} val={evaluate():.4f}',flush=True)
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from scipy.sparse import hstack, csr_matrix
def embs(data):
    enc.eval(); out=[]
    with torch.no_grad():
        for t,y in batches(data,128,False):
            out.append(torch.nn.functional.normalize(enc(input_ids=t['input_ids'],attention_mask=t['attention_mask']).last_hidden_state[:,0],dim=-1))
    return torch.cat(out).numpy()*2
ytr=np.array([L[x['intent']] for x in tr]); yva=np.array([L.get(x['intent'],-1) for x in va])
vec=TfidfVectorizer(analyzer='char',ngram_range=(1,3),sublinear_tf=True)
Xtr=vec.fit_transform([x['text'] for x in tr]); Xva=vec.transform([x['text'] for x in va])
Etr,Eva=embs(tr),embs(va)
for C in [10,30]:
    clf=LogisticRegression(C=C,max_iter=3000).fit(hstack([Xtr,csr_matrix(Etr)]).tocsr(),ytr)
    print(mode,'C',C,'lex+emb val',(clf.predict(hstack([Xva,csr_matrix(Eva)]).tocsr())==yva).mean(),flush=True)
